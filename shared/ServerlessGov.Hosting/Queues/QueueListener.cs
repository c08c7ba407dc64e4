using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Observability;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Queues;

namespace ServerlessGov.Hosting.Queues;

/// <summary>
/// Runs one queue-triggered function with Azure's queue-trigger semantics: batches of batchSize, a new batch when
/// in-flight work drops to newBatchThreshold, randomized exponential backoff while idle, running messages kept
/// invisible and renewed, retries after visibilityTimeout, and poison after maxDequeueCount or an unreadable body.
/// </summary>
internal sealed class QueueListener : IDisposable
{
    private const int MaxReasonLength = 2000;

    private readonly QueueFunctionDefinition _function;
    private readonly IQueue _queue;
    private readonly IQueue _poisonQueue;
    private readonly QueuesSettings _settings;
    private readonly FunctionInvoker _invoker;
    private readonly IServiceScopeFactory _scopes;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly QueueWakeSignals _wakeSignals;
    private readonly SemaphoreSlim _slotFreed = new(0, 1);
    private readonly HashSet<Task> _running = [];
    private int _inFlight;

    public QueueListener(
        QueueFunctionDefinition function,
        IQueueStore store,
        QueuesSettings settings,
        FunctionInvoker invoker,
        IServiceScopeFactory scopes,
        IServiceProvider services,
        TimeProvider timeProvider,
        QueueWakeSignals wakeSignals,
        ILogger logger)
    {
        _wakeSignals = wakeSignals;
        _function = function;
        _queue = store.GetQueue(function.QueueName);
        _poisonQueue = store.GetQueue(function.PoisonQueueName);
        _settings = settings;
        _invoker = invoker;
        _scopes = scopes;
        _services = services;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Messages being processed right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Creates the queue and its poison queue, so a misconfigured store fails the start, not the first poll.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _queue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await _poisonQueue.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Polls until <paramref name="stopping"/>, then waits for running invocations; <paramref name="abort"/>
    /// cancels those (shutdown budget spent), and their messages are released for another host.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping, CancellationToken abort)
    {
        var backoff = new PollingBackoff(_settings.MaxPollingInterval);
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (InFlight > _settings.NewBatchThreshold)
                {
                    await _slotFreed.WaitAsync(stopping).ConfigureAwait(false);
                    continue;
                }

                IReadOnlyList<QueueMessage> batch;
                try
                {
                    batch = await _queue.ReceiveAsync(_settings.BatchSize, _settings.RunningVisibilityTimeout, stopping).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Logs.PollFailed(_logger, ex, _function.QueueName);
                    await Task.Delay(backoff.Next(), _timeProvider, stopping).ConfigureAwait(false);
                    continue;
                }

                if (batch.Count == 0)
                {
                    await IdleAsync(backoff.Next(), stopping).ConfigureAwait(false);
                    continue;
                }

                backoff.Reset();
                foreach (var message in batch)
                {
                    Interlocked.Increment(ref _inFlight);
                    Track(Task.Run(() => ProcessAsync(message, abort), CancellationToken.None));
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
        }

        Task[] running;
        lock (_running)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    public void Dispose() => _slotFreed.Dispose();

    /// <summary>Waits out one backoff step, or less when a message is sent to the queue in this process.</summary>
    private async Task IdleAsync(TimeSpan wait, CancellationToken stopping)
    {
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var delay = Task.Delay(wait, _timeProvider, waiting.Token);
        await Task.WhenAny(delay, _wakeSignals.WaitAsync(_function.QueueName)).ConfigureAwait(false);
        await waiting.CancelAsync().ConfigureAwait(false);
        stopping.ThrowIfCancellationRequested();
    }

    private void Track(Task task)
    {
        lock (_running)
        {
            _running.Add(task);
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (_running)
                {
                    _running.Remove(t);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken abort)
    {
        var lease = new MessageLease(message.PopReceipt);
        try
        {
            if (message.DequeueCount > _settings.MaxDequeueCount)
            {
                await PoisonAsync(message, lease,
                    $"Received {message.DequeueCount} times, more than maxDequeueCount ({_settings.MaxDequeueCount}): earlier attempts never finished (a host stopped or crashed while running it).").ConfigureAwait(false);
                return;
            }

            object bound;
            try
            {
                bound = _function.Bind(message.Body, _services);
            }
            catch (MessageBindingException ex)
            {
                await PoisonAsync(message, lease, ex.Message).ConfigureAwait(false);
                return;
            }

            var failure = await InvokeAsync(message, bound, lease, abort).ConfigureAwait(false);
            if (lease.Lost)
            {
                return;
            }

            if (failure is null)
            {
                await _queue.DeleteMessageAsync(message.MessageId, lease.Receipt, CancellationToken.None).ConfigureAwait(false);
            }
            else if (abort.IsCancellationRequested && failure is OperationCanceledException)
            {
                await _queue.UpdateMessageAsync(message.MessageId, lease.Receipt, TimeSpan.Zero, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            else if (message.DequeueCount >= _settings.MaxDequeueCount)
            {
                await PoisonAsync(message, lease, Describe(failure)).ConfigureAwait(false);
            }
            else
            {
                await _queue.UpdateMessageAsync(message.MessageId, lease.Receipt, _settings.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.NotFound)
        {
            Logs.MessageLost(_logger, ex, _function.QueueName, message.MessageId);
        }
        catch (Exception ex)
        {
            Logs.ReleaseFailed(_logger, ex, _function.QueueName, message.MessageId);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            if (_slotFreed.CurrentCount == 0)
            {
                try
                {
                    _slotFreed.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Another completion signalled first; one wake-up is enough.
                }
            }
        }
    }

    private async Task<Exception?> InvokeAsync(QueueMessage message, object bound, MessageLease lease, CancellationToken abort)
    {
        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(abort);
        var renewal = RenewAsync(message, lease, renewing.Token);
        try
        {
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                await _invoker.InvokeAsync(_function.Name, TriggerKind.Queue, async (invocationId, cancellationToken) =>
                {
                    var context = new QueueTriggerContext(_function.Name, invocationId, scope.ServiceProvider, _function.QueueName, message);
                    await _function.Handler(bound, context, cancellationToken).ConfigureAwait(false);
                    return true;
                }, abort).ConfigureAwait(false);
            }

            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
        finally
        {
            await renewing.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
        }
    }

    private async Task RenewAsync(QueueMessage message, MessageLease lease, CancellationToken cancellationToken)
    {
        var interval = _settings.RunningVisibilityTimeout / 2;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Not cancellable: an update applied server-side but abandoned here would leave us with a void receipt.
                var receipt = await _queue.UpdateMessageAsync(message.MessageId, lease.Receipt, _settings.RunningVisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                lease.Receipt = receipt.PopReceipt;
            }
            catch (StorageException ex) when (ex.Kind == StorageErrorKind.NotFound)
            {
                lease.Lost = true;
                Logs.MessageLost(_logger, ex, _function.QueueName, message.MessageId);
                return;
            }
            catch (StorageException ex)
            {
                Logs.PollFailed(_logger, ex, _function.QueueName);
            }
        }
    }

    private async Task PoisonAsync(QueueMessage message, MessageLease lease, string reason)
    {
        if (reason.Length > MaxReasonLength)
        {
            reason = reason[..MaxReasonLength];
        }

        var (text, base64) = PoisonMessage.Encode(message.Body);
        var poison = new PoisonMessage
        {
            FunctionName = _function.Name,
            Queue = _function.QueueName,
            MessageId = message.MessageId,
            DequeueCount = message.DequeueCount,
            InsertedOn = message.InsertedOn,
            PoisonedOn = _timeProvider.GetUtcNow(),
            Reason = reason,
            Body = text,
            BodyBase64 = base64,
        };
        try
        {
            await _poisonQueue.SendAsync(poison.ToBinaryData(), timeToLive: QueueRules.NoExpiry, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.TooLarge)
        {
            Logs.PoisonWrapperTooLarge(_logger, _function.QueueName, message.MessageId);
            await _poisonQueue.SendAsync(message.Body, timeToLive: QueueRules.NoExpiry, cancellationToken: CancellationToken.None).ConfigureAwait(false);
        }

        Logs.MovedToPoison(_logger, _function.QueueName, message.MessageId, _function.PoisonQueueName, message.DequeueCount);
        await _queue.DeleteMessageAsync(message.MessageId, lease.Receipt, CancellationToken.None).ConfigureAwait(false);
    }

    private static string Describe(Exception failure) => failure switch
    {
        FunctionTimeoutException timeout => timeout.Message,
        _ => $"{failure.GetType().FullName}: {failure.Message}",
    };

    private sealed class MessageLease(string receipt)
    {
        private string _receipt = receipt;
        private volatile bool _lost;

        public string Receipt
        {
            get => Volatile.Read(ref _receipt);
            set => Volatile.Write(ref _receipt, value);
        }

        public bool Lost
        {
            get => _lost;
            set => _lost = value;
        }
    }
}
