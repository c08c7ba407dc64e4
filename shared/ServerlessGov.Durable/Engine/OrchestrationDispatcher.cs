using System.Text.Json;
using Microsoft.Extensions.Logging;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Transactions;

namespace ServerlessGov.Durable.Engine;

/// <summary>
/// Polls the control queues (one loop per partition), groups each batch by instance and runs one episode per
/// instance, at most <see cref="DurableTaskOptions.MaxConcurrentOrchestrations"/> at once.
/// </summary>
internal sealed class OrchestrationDispatcher : IDisposable
{
    private readonly DurableStore _store;
    private readonly OrchestrationEpisodeRunner _runner;
    private readonly MessageHandling _handling;
    private readonly IEngineFaultInjector _faults;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _slots;
    private readonly InstanceLocks _locks = new();
    private int _backloggedQueues;

    public OrchestrationDispatcher(DurableStore store, OrchestrationEpisodeRunner runner, IEngineFaultInjector faults, ILogger logger)
    {
        _store = store;
        _runner = runner;
        _faults = faults;
        _logger = logger;
        _handling = new MessageHandling(store, logger);
        _slots = new SemaphoreSlim(store.Options.MaxConcurrentOrchestrations, store.Options.MaxConcurrentOrchestrations);
    }

    public int InFlight => _store.Options.MaxConcurrentOrchestrations - _slots.CurrentCount;

    /// <summary>Whether a control queue's last receive got every message it asked for: more are probably waiting.</summary>
    public bool HasBacklog => Volatile.Read(ref _backloggedQueues) > 0;

    public void Dispose() => _slots.Dispose();

    /// <summary>Polls one control queue until <paramref name="stopPolling"/>; work already received finishes unless <paramref name="hardStop"/> fires.</summary>
    public async Task RunAsync(IQueue queue, CancellationToken stopPolling, CancellationToken hardStop)
    {
        var backoff = new PollingBackoff(_store.Options.MinPollingInterval, _store.Options.MaxPollingInterval);
        var inFlight = new List<Task>();
        var signal = _store.ControlWorkFor(queue);
        var backlogged = false;
        while (!stopPolling.IsCancellationRequested)
        {
            var seen = signal.Version;
            IReadOnlyList<QueueMessage> batch;
            try
            {
                batch = await queue.ReceiveAsync(QueueRules.MaxMessagesPerReceive, _store.Options.MessageVisibilityTimeout, stopPolling).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopPolling.IsCancellationRequested)
            {
                break;
            }
            catch (StorageException ex)
            {
                Logs.PollFailed(_logger, "orchestration", ex);
                batch = [];
            }

            if (backlogged != (batch.Count >= QueueRules.MaxMessagesPerReceive))
            {
                backlogged = !backlogged;
                Interlocked.Add(ref _backloggedQueues, backlogged ? 1 : -1);
            }

            if (batch.Count == 0)
            {
                try
                {
                    await signal.WaitAsync(seen, backoff.Next(), stopPolling).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                continue;
            }

            backoff.Reset();
            var handling = HandleBatchAsync(queue, batch, hardStop);
            inFlight.Add(handling);
            inFlight.RemoveAll(t => t.IsCompleted);
            while (_slots.CurrentCount == 0 && inFlight.Count > 0)
            {
                await Task.WhenAny(inFlight).ConfigureAwait(false);
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }

        if (backlogged)
        {
            Interlocked.Decrement(ref _backloggedQueues);
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private async Task HandleBatchAsync(IQueue queue, IReadOnlyList<QueueMessage> batch, CancellationToken hardStop)
    {
        var groups = new Dictionary<string, List<(QueueMessage Raw, DurableMessage Message)>>(StringComparer.Ordinal);
        foreach (var raw in batch)
        {
            DurableMessage message;
            try
            {
                message = DurableStore.Decode(raw.Body);
            }
            catch (JsonException ex)
            {
                await _handling.SetAsideAsync(queue, raw, null, $"Unreadable message: {ex.Message}", hardStop).ConfigureAwait(false);
                continue;
            }

            if (raw.DequeueCount > _store.Options.MaxDequeueCount)
            {
                await _handling.SetAsideAsync(queue, raw, message, "Its processing never finished (the worker stopped or crashed each time).", hardStop).ConfigureAwait(false);
                continue;
            }

            if (_handling.EarlyUntil(message) is { } due)
            {
                await _handling.RearmAsync(queue, raw, message, due, hardStop).ConfigureAwait(false);
                continue;
            }

            if (!groups.TryGetValue(message.InstanceId, out var list))
            {
                list = [];
                groups[message.InstanceId] = list;
            }

            list.Add((raw, message));
        }

        await Task.WhenAll(groups.Select(g => ProcessAsync(queue, g.Key, g.Value, hardStop))).ConfigureAwait(false);
    }

    private async Task ProcessAsync(IQueue queue, string instanceId, List<(QueueMessage Raw, DurableMessage Message)> work, CancellationToken hardStop)
    {
        try
        {
            await _slots.WaitAsync(hardStop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(work.Select(w => _handling.HandBackAsync(queue, w.Raw))).ConfigureAwait(false);
            return;
        }

        try
        {
            using var held = await _locks.AcquireAsync(instanceId, hardStop).ConfigureAwait(false);
            var received = work.Select(w => w.Raw).ToList();
            var (outcome, retryAfter) = await _runner.RunAsync(instanceId, work.Select(w => w.Message).ToList(), queue, received, hardStop).ConfigureAwait(false);
            var deletes = outcome == EpisodeOutcome.DoneAndDeleted ? [] : received.Select(raw => QueueDelete.Of(queue, raw)).ToList();
            List<QueueSend> copies = [];
            if (outcome is EpisodeOutcome.Contended or EpisodeOutcome.Deferred)
            {
                // Fresh copies, so waiting for another worker never counts toward the poison limit.
                Logs.EpisodeContended(_logger, work.Count);
                copies = [.. received.Select(raw => new QueueSend(queue, raw.Body, retryAfter, QueueRules.NoExpiry))];
            }

            await _store.SendAndDeleteAsync(copies, deletes, hardStop).ConfigureAwait(false);
            await _faults.OnStepAsync(EngineStep.MessagesDeleted, instanceId).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Logs.EpisodeFailed(_logger, work.Count, ex);
            foreach (var (raw, message) in work)
            {
                if (raw.DequeueCount >= _store.Options.MaxDequeueCount && !hardStop.IsCancellationRequested)
                {
                    try
                    {
                        await _handling.SetAsideAsync(queue, raw, message, $"{ex.GetType().Name}: {ex.Message}", CancellationToken.None).ConfigureAwait(false);
                        continue;
                    }
                    catch (StorageException setAsideFailure)
                    {
                        Logs.HandBackFailed(_logger, queue.Name, setAsideFailure);
                    }
                }

                await _handling.HandBackAsync(queue, raw).ConfigureAwait(false);
            }
        }
        finally
        {
            _slots.Release();
        }
    }
}
