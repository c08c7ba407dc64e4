using Azure.Core;
using ServerlessGov.Storage.Azure;

namespace ServerlessGov.Benchmarks.Storage;

/// <summary>The Azure adapter's options with an HTTP request counter in its pipelines.</summary>
internal static class AzureAdapterOptions
{
    public static AzureStorageClientOptions CountingRequests(HttpRequestCounter counter)
    {
        var options = new AzureStorageClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        return options;
    }
}
