using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging;

namespace ServerlessGov.Storage.Azure.Http;

/// <summary>Builds the Azure.Core pipeline one service uses: retries (Retry-After honoured), timeouts, attempt logging, headers, then auth.</summary>
internal static class StoragePipeline
{
    public const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline Build(
        AzureStorageClientOptions options,
        string service,
        string serviceVersion,
        HttpPipelinePolicy authentication,
        TimeProvider timeProvider,
        ILogger logger)
    {
        HttpPipelinePolicy[] perRetry =
        [
            new AttemptLoggingPolicy(service, logger),
            new StorageHeadersPolicy(serviceVersion, timeProvider),
            authentication,
        ];
        return HttpPipelineBuilder.Build(options, [], perRetry, new StorageResponseClassifier());
    }

    public static HttpPipelinePolicy Authentication(AzureStorageSettings settings, TokenCredential? credential, bool table) =>
        settings.AccountKey is { } key
            ? table ? new SharedKeyLiteTablePolicy(settings.AccountName, key) : new SharedKeyQueuePolicy(settings.AccountName, key)
            : new BearerTokenAuthenticationPolicy(
                credential ?? throw new InvalidOperationException("An identity-based connection needs a credential."),
                StorageScope);
}
