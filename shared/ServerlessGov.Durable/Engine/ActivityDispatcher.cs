using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using ServerlessGov.Durable.History;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Transactions;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// Polls one lane's work-item queue and runs its activities, at most a set number at once
/// (<see cref="DurableTaskOptions.MaxConcurrentActivities"/>, or <see cref="DurableTaskOptions.MaxConcurrentBackgroundActivities"/>
/// for the background lane), keeping each message hidden while its activity runs and sending the result to the
/// instance's control queue. The background lane's dispatcher yields to urgent work: while the activities' queue or a
/// control queue has a backlog, it runs one activity at a time (its activities start instances and complete others'
/// steps, whose messages would otherwise crowd the control queues in front of timers and results that are due).
/// </summary>
internal sealed class ActivityDispatcher : IDisposable
{
    private readonly DurableStore _store;
    private readonly TaskCatalog _registry;
    private readonly IServiceProvider _services;
    private readonly IEngineFaultInjector _faults;
    private readonly ILogger _logger;
    private readonly MessageHandling _handling;
    private readonly IQueue _queue;
    private readonly WorkSignal _work;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly Func<bool>? _urgentWorkWaiting;
    private volatile bool _backlog;

    /// <summary>A dispatcher of the activities' lane, or, given when urgent work is waiting, of the background lane.</summary>
    public ActivityDispatcher(DurableStore store, Func<bool>? urgentWorkWaiting, TaskCatalog registry, IServiceProvider services, IEngineFaultInjector faults, ILogger logger)
    {
        _store = store;
        _urgentWorkWaiting = urgentWorkWaiting;
        var background = urgentWorkWaiting is not null;
        _queue = background ? store.BackgroundWorkItems : store.WorkItems;
        _work = background ? store.BackgroundWork : store.ActivityWork;
        var slots = background ? store.Options.MaxConcurrentBackgroundActivities : store.Options.MaxConcurrentActivities;
        _registry = registry;
        _services = services;
        _faults = faults;
        _logger = logger;
        _handling = new MessageHandling(store, logger);
        _slots = new SemaphoreSlim(slots, slots);
    }

    public int InFlight => _running.Count;

    /// <summary>Whether the last receive got every message it asked for: more are probably waiting.</summary>
    public bool HasBacklog => _backlog;

    public void Dispose() => _slots.Dispose();

    public async Task RunAsync(CancellationToken stopPolling, CancellationToken hardStop)
    {
        var queue = _queue;
        var backoff = new PollingBackoff(_store.Options.MinPollingInterval, _store.Options.MaxPollingInterval);
        while (!stopPolling.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stopPolling).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var free = Math.Min(QueueRules.MaxMessagesPerReceive, _slots.CurrentCount + 1);
            if (_urgentWorkWaiting?.Invoke() == true)
            {
                // One background activity at a time, so bulk work neither takes the store from urgent work nor starves.
                if (!_running.IsEmpty)
                {
                    _slots.Release();
                    try
                    {
                        await Task.Delay(_store.Options.MinPollingInterval, stopPolling).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    continue;
                }

                free = 1;
            }

            var seen = _work.Version;
            IReadOnlyList<QueueMessage> batch;
            try
            {
                batch = await queue.ReceiveAsync(free, _store.Options.MessageVisibilityTimeout, stopPolling).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or StorageException)
            {
                if (stopPolling.IsCancellationRequested)
                {
                    _slots.Release();
                    break;
                }

                Logs.PollFailed(_logger, "activity", ex);
                batch = [];
            }

            _backlog = batch.Count >= free;
            if (batch.Count == 0)
            {
                _slots.Release();
                try
                {
                    await _work.WaitAsync(seen, backoff.Next(), stopPolling).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            backoff.Reset();
            for (var i = 0; i < batch.Count; i++)
            {
                if (i > 0)
                {
                    await _slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
                }

                var raw = batch[i];
                var task = Task.Run(() => ExecuteAsync(queue, raw, hardStop), CancellationToken.None);
                _running[task] = 0;
                _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
            }
        }

        await Task.WhenAll(_running.Keys).ConfigureAwait(false);
    }

    private async Task ExecuteAsync(IQueue queue, QueueMessage raw, CancellationToken hardStop)
    {
        DurableMessage? message = null;
        using var lease = new MessageLease(queue, raw, _store.Options.MessageVisibilityTimeout, _store.Time);
        try
        {
            try
            {
                message = DurableStore.Decode(raw.Body);
            }
            catch (JsonException ex)
            {
                await _handling.SetAsideAsync(queue, raw, null, $"Unreadable message: {ex.Message}", hardStop).ConfigureAwait(false);
                return;
            }

            if (raw.DequeueCount > _store.Options.MaxDequeueCount || message.Event is not TaskScheduledEvent)
            {
                await _handling.SetAsideAsync(queue, lease.Current, message,
                    message.Event is TaskScheduledEvent ? "The activity never finished (the worker stopped or crashed each time)." : "Not an activity message.", hardStop).ConfigureAwait(false);
                return;
            }

            var scheduled = (TaskScheduledEvent)message.Event;
            var result = await RunActivityAsync(message, scheduled, hardStop).ConfigureAwait(false);
            await _faults.OnStepAsync(EngineStep.ActivityExecuted, message.InstanceId).ConfigureAwait(false);
            var reply = new OutboxEntry(false, null, new DurableMessage(Guid.NewGuid().ToString("N"), message.InstanceId, message.ExecutionId, result));
            if (_store.Transactions is null)
            {
                await _store.SendAsync(reply, hardStop).ConfigureAwait(false);
                await _faults.OnStepAsync(EngineStep.ActivityResultSent, message.InstanceId).ConfigureAwait(false);
                await lease.StopAsync().ConfigureAwait(false);
                await MessageHandling.DeleteAsync(queue, lease.Current, hardStop).ConfigureAwait(false);
                return;
            }

            // One transaction sends the result and deletes the work item.
            await lease.StopAsync().ConfigureAwait(false);
            await _store.SendAndDeleteAsync([_store.ToQueueSend(reply)], [QueueDelete.Of(queue, lease.Current)], hardStop).ConfigureAwait(false);
            _store.Signal([reply]);
            await _faults.OnStepAsync(EngineStep.ActivityResultSent, message.InstanceId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            await lease.StopAsync().ConfigureAwait(false);
            Logs.ActivityDeliveryFailed(_logger, (message?.Event as TaskScheduledEvent)?.Name ?? "unknown", ex);
            if (raw.DequeueCount >= _store.Options.MaxDequeueCount && !hardStop.IsCancellationRequested)
            {
                try
                {
                    await _handling.SetAsideAsync(queue, lease.Current, message, $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
                    return;
                }
                catch (StorageException setAsideFailure)
                {
                    Logs.HandBackFailed(_logger, queue.Name, setAsideFailure);
                }
            }

            await _handling.HandBackAsync(queue, lease.Current).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<HistoryEvent> RunActivityAsync(DurableMessage message, TaskScheduledEvent scheduled, CancellationToken hardStop)
    {
        var now = _store.Time.GetUtcNow();
        if (!_registry.TryCreateActivity(scheduled.Name, _services, out var activity))
        {
            return new TaskFailedEvent(scheduled.TaskId,
                new FailureRecord("ActivityNotFound", $"No activity named '{scheduled.Name}' is registered with this worker."))
            { Timestamp = now };
        }

        try
        {
            var input = _store.Converter.Deserialize(scheduled.Input, activity!.InputType);
            var context = new ActivityExecutionContext(new TaskName(scheduled.Name), message.InstanceId, hardStop);
            var output = await activity.RunAsync(context, input).ConfigureAwait(false);
            var json = _store.Converter.Serialize(output);
            if (json is { Length: > OrchestrationExecutionContext.MaxPayloadChars })
            {
                return new TaskFailedEvent(scheduled.TaskId, new FailureRecord("ResultTooLarge",
                    $"Activity '{scheduled.Name}' returned {json.Length} characters of JSON; the limit is {OrchestrationExecutionContext.MaxPayloadChars}. Return a reference instead."))
                { Timestamp = now };
            }

            return new TaskCompletedEvent(scheduled.TaskId, json) { Timestamp = now };
        }
        catch (Exception ex) when (!hardStop.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            return new TaskFailedEvent(scheduled.TaskId, FailureRecord.FromException(ex)) { Timestamp = now };
        }
    }
}
