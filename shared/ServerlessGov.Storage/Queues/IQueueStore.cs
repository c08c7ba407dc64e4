namespace ServerlessGov.Storage.Queues;

/// <summary>The queue half of the storage port: hands out queues by name. Implementations are thread-safe.</summary>
public interface IQueueStore
{
    /// <summary>A client for a queue, which may not exist yet (no I/O happens here).</summary>
    /// <exception cref="StorageException">The name breaks Azure's rule: 3–63 lowercase letters, digits and single hyphens (<see cref="StorageErrorKind.InvalidInput"/>).</exception>
    IQueue GetQueue(string name);
}
