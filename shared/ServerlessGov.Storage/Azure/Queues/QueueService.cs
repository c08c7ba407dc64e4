namespace ServerlessGov.Storage.Azure.Queues;

/// <summary>The Queue service's protocol constants.</summary>
internal static class QueueService
{
    /// <summary>The REST version spoken; Azurite accepts it with <c>--skipApiVersionCheck</c>.</summary>
    public const string Version = "2023-11-03";
}
