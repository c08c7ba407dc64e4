using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace ServerlessGov.Storage.Azure;

/// <summary>
/// Tuning of the Azure SDK clients behind <see cref="AzureStorage"/>: retries (the SDK's, which honour
/// <c>Retry-After</c>), network timeout, transport and extra pipeline policies, plus the credential used for
/// identity-based connections. Defaults suit production.
/// </summary>
/// <remarks>
/// Each <see cref="AzureStorage"/> builds its own <see cref="TableClientOptions"/> and <see cref="QueueClientOptions"/>
/// from these, so one instance can serve several adapters. The SDK's own logging, tracing and telemetry are switched
/// off: its logs record request URLs, and an entity's URL holds its partition and row keys, which may be personal
/// identifiers. The adapter logs each attempt through <c>ILogger</c> without the URL instead.
/// </remarks>
public sealed class AzureStorageClientOptions
{
    private readonly List<(HttpPipelinePolicy Policy, HttpPipelinePosition Position)> _policies = [];

    /// <summary>Retries after the first attempt (exponential backoff).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay; later ones grow exponentially.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts (a longer <c>Retry-After</c> still wins).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may wait for the network.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The HTTP transport; null means the SDK's shared <c>HttpClient</c>.</summary>
    public HttpPipelineTransport? Transport { get; set; }

    /// <summary>
    /// The Entra ID credential used when the settings name no account key; null means
    /// <c>DefaultAzureCredential</c>, or <c>ManagedIdentityCredential</c> when the settings ask for a managed identity.
    /// </summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>How long <see cref="AzureStorage.CreateAsync"/> waits for a first token before failing at start.</summary>
    public TimeSpan CredentialCheckTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Adds a policy to both services' pipelines (a test's injected fault, a benchmark's request counter).</summary>
    public void AddPolicy(HttpPipelinePolicy policy, HttpPipelinePosition position)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policies.Add((policy, position));
    }

    internal T Apply<T>(T options)
        where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = MaxRetries;
        options.Retry.Delay = RetryDelay;
        options.Retry.MaxDelay = MaxRetryDelay;
        options.Retry.NetworkTimeout = NetworkTimeout;
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        options.Diagnostics.IsTelemetryEnabled = false;
        if (Transport is not null)
        {
            options.Transport = Transport;
        }

        foreach (var (policy, position) in _policies)
        {
            options.AddPolicy(policy, position);
        }

        return options;
    }
}
