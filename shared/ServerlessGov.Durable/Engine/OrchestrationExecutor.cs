using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable.History;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// Replays an execution's history through the orchestrator code and runs it forward over the new events, on one
/// thread with its own synchronization context, and reports the new actions and any completion.
/// </summary>
internal static class OrchestrationExecutor
{
    public static ExecutionResult Execute(
        ITaskOrchestrator orchestrator,
        string name,
        string instanceId,
        IReadOnlyList<HistoryEvent> past,
        IReadOnlyList<HistoryEvent> newEvents,
        DataConverter converter,
        ILoggerFactory loggerFactory)
    {
        var context = new OrchestrationExecutionContext(name, instanceId, converter, loggerFactory);
        var sync = new ReplaySynchronizationContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(sync);
        Task<object?>? running = null;
        try
        {
            var total = past.Count + newEvents.Count;
            for (var i = 0; i < total; i++)
            {
                var historyEvent = i < past.Count ? past[i] : newEvents[i - past.Count];
                context.Replaying = i < past.Count;
                switch (historyEvent)
                {
                    case ExecutionStartedEvent started:
                        context.Now = started.Timestamp;
                        context.ParentInstance = started.ParentInstanceId is { } parent
                            ? new ParentOrchestrationInstance(new TaskName(started.ParentName ?? string.Empty), parent)
                            : null;
                        running = Start(orchestrator, context, converter, started.Input);
                        break;
                    case OrchestratorStartedEvent:
                        context.Now = historyEvent.Timestamp;
                        break;
                    case TaskScheduledEvent e:
                        context.MatchRecordedAction(e.TaskId, e);
                        break;
                    case TimerCreatedEvent e:
                        context.MatchRecordedAction(e.TaskId, e);
                        break;
                    case SubOrchestrationCreatedEvent e:
                        context.MatchRecordedAction(e.TaskId, e);
                        break;
                    case TaskCompletedEvent e:
                        context.Complete(e.TaskId, e);
                        break;
                    case TaskFailedEvent e:
                        context.Complete(e.TaskId, e);
                        break;
                    case TimerFiredEvent e:
                        context.Complete(e.TaskId, e);
                        break;
                    case SubOrchestrationCompletedEvent e:
                        context.Complete(e.TaskId, e);
                        break;
                    case SubOrchestrationFailedEvent e:
                        context.Complete(e.TaskId, e);
                        break;
                    case EventSentEvent e:
                        context.MatchRecordedAction(e.TaskId, e);
                        break;
                    case EventRaisedEvent e:
                        context.Deliver(e);
                        break;
                }

                sync.RunPending();
            }
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            return Failed(context, FailureRecord.FromException(ex));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (running is null)
        {
            return new ExecutionResult([], null, null, []);
        }

        if (!running.IsCompleted)
        {
            return new ExecutionResult([.. context.PendingActions], null, context.SerializedCustomStatus, []);
        }

        if (running.IsFaulted || running.IsCanceled)
        {
            var error = running.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
            return Failed(context, FailureRecord.FromException(error));
        }

        if (context.ContinueAsNewRequested)
        {
            var carried = context.PreserveUnprocessedEvents ? context.UnprocessedEvents : [];
            return new ExecutionResult([.. context.PendingActions.OfType<EventSentEvent>()],
                new ExecutionCompletedEvent(InstanceStatus.ContinuedAsNew, context.ContinueAsNewInput, null) { Timestamp = context.Now },
                context.SerializedCustomStatus, [.. carried]);
        }

        var output = converter.Serialize(running.Result);
        return new ExecutionResult([.. context.PendingActions.Where(a => a is not TimerCreatedEvent)],
            new ExecutionCompletedEvent(InstanceStatus.Completed, output, null) { Timestamp = context.Now },
            context.SerializedCustomStatus, []);
    }

    private static ExecutionResult Failed(OrchestrationExecutionContext context, FailureRecord details) =>
        new([], new ExecutionCompletedEvent(InstanceStatus.Failed, null, details) { Timestamp = context.Now },
            context.SerializedCustomStatus, []);

    private static Task<object?> Start(ITaskOrchestrator orchestrator, OrchestrationExecutionContext context, DataConverter converter, string? input)
    {
        try
        {
            // An orchestrator that reads its input on demand gets it from GetInput<T>, read once, as that T.
            var typedInput = orchestrator.InputType == typeof(InputReadOnDemand) ? null : converter.Deserialize(input, orchestrator.InputType);
            context.SetInput(typedInput, input);
            return orchestrator.RunAsync(context, typedInput);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return Task.FromException<object?>(ex);
        }
    }
}
