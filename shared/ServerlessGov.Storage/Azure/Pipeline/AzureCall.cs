using Azure;
using Azure.Core.Pipeline;

namespace ServerlessGov.Storage.Azure.Pipeline;

/// <summary>
/// Runs one SDK call and turns its <see cref="RequestFailedException"/> into the port's <see cref="StorageException"/>,
/// saying how many attempts the SDK's retry policy made (counted by <see cref="AttemptPolicy"/> through an HTTP message
/// property scope, the SDK's way to pass state to a pipeline policy).
/// </summary>
internal static class AzureCall
{
    public const string AttemptsProperty = "ServerlessGov.Attempts";

    /// <exception cref="StorageException">The service refused the call.</exception>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, Func<RequestFailedException, StorageException>? map = null)
    {
        var attempts = new Attempts();
        using (HttpPipeline.CreateHttpMessagePropertiesScope(new Dictionary<string, object?> { [AttemptsProperty] = attempts }))
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (RequestFailedException ex)
            {
                throw (map ?? StorageErrors.From)(ex).AfterAttempts(attempts.Count);
            }
        }
    }

    /// <exception cref="StorageException">The service refused the call.</exception>
    public static Task RunAsync(Func<Task> call, Func<RequestFailedException, StorageException>? map = null) =>
        RunAsync(async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        }, map);

    /// <summary>The attempts of one call, shared by its messages (a retry is a new attempt of the same message).</summary>
    internal sealed class Attempts
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public int Next() => Interlocked.Increment(ref _count);
    }
}
