using ServerlessGov.Storage.Queues;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Conformance;

/// <summary>
/// The queue port's contract, written once and run against every adapter. Each test uses its own uniquely named
/// queue. Waits are real and short (Azure's shortest receive visibility is one second).
/// </summary>
public abstract partial class QueueConformanceTests
{
    protected static readonly TimeSpan ShortVisibility = TimeSpan.FromSeconds(1);

    /// <summary>Comfortably past <see cref="ShortVisibility"/>, allowing for second-granular clocks on the server.</summary>
    protected static readonly TimeSpan PastShortVisibility = TimeSpan.FromMilliseconds(2200);

    protected QueueConformanceTests(IStorageAdapterFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
    }

    protected IStorageAdapterFixture Fixture { get; }

    /// <summary>A new, empty, existing queue.</summary>
    protected async Task<IQueue> NewQueueAsync()
    {
        var queue = Fixture.Queues.GetQueue(UniqueNames.Queue());
        Assert.True(await queue.CreateIfNotExistsAsync());
        return queue;
    }

    protected static async Task<StorageException> ThrowsStorageAsync(StorageErrorKind kind, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<StorageException>(call);
        Assert.Equal(kind, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        return ex;
    }
}
