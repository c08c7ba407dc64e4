namespace ServerlessGov.Storage.Sqlite;

/// <summary>
/// One caller's write waiting for the writer connection. Whoever holds the connection next runs every queued write
/// in one transaction (each under its own savepoint), so concurrent writers share one commit.
/// </summary>
internal abstract class PendingWrite
{
    private const int Queued = 0;
    private const int Claimed = 1;
    private const int Withdrawn = 2;

    private int _state;

    /// <summary>Takes the write for a batch; false when its caller has withdrawn it.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;

    /// <summary>Withdraws the write before any batch took it (its caller was cancelled); false when a batch already has it.</summary>
    public bool TryWithdraw() => Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued;

    /// <summary>Whether the write's outcome is known (committed, failed or rolled back).</summary>
    public abstract bool IsDone { get; }

    /// <summary>Runs the write inside the batch's transaction; its result is kept until the commit.</summary>
    public abstract void Run(SqliteSession session);

    /// <summary>The transaction committed: hands the kept result to the caller.</summary>
    public abstract void Commit();

    /// <summary>The write failed (alone, or with its whole batch).</summary>
    public abstract void Fail(Exception exception);
}

/// <summary>A <see cref="PendingWrite"/> with its state, its work and the caller's result.</summary>
internal sealed class PendingWrite<TState, T>(TState state, Func<SqliteSession, TState, T> work) : PendingWrite
{
    private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Outcome => _outcome.Task;

    public override bool IsDone => _outcome.Task.IsCompleted;

    public override void Run(SqliteSession session) => _result = work(session, state);

    public override void Commit() => _outcome.TrySetResult(_result);

    public override void Fail(Exception exception) => _outcome.TrySetException(exception);
}
