using Azure.Core;

namespace ServerlessGov.Storage.Azure;

/// <summary>
/// Tuning of the HTTP pipeline behind <see cref="AzureStorage"/>: retries (which honour <c>Retry-After</c>),
/// network timeout and transport, with Azure.Core's conventions. Defaults suit production.
/// </summary>
/// <remarks>
/// Azure.Core's own event-source logging and tracing are switched off, because they record request URLs, and an
/// entity's URL holds its partition and row keys, which may be personal identifiers. The adapter logs each failed
/// call through <c>ILogger</c> without the URL instead.
/// </remarks>
public sealed class AzureStorageClientOptions : ClientOptions
{
    public AzureStorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(200);
        Retry.MaxDelay = TimeSpan.FromSeconds(30);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Diagnostics.IsLoggingEnabled = false;
        Diagnostics.IsDistributedTracingEnabled = false;
        Diagnostics.IsTelemetryEnabled = false;
    }

    /// <summary>
    /// The Entra ID credential used when the settings name no account key; null means
    /// <c>DefaultAzureCredential</c>, or <c>ManagedIdentityCredential</c> when the settings ask for a managed identity.
    /// </summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>How long <see cref="AzureStorage.CreateAsync"/> waits for a first token before failing at start.</summary>
    public TimeSpan CredentialCheckTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
