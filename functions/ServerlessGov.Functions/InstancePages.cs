using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace ServerlessGov.Functions;

/// <summary>
/// Reads one page of instances by id prefix, with their inputs, outputs and custom status, resuming from a
/// continuation token: the app's lists and dashboards page through instances this way, on the SDK alone.
/// </summary>
public static class InstancePages
{
    /// <summary>Up to <paramref name="pageSize"/> instances whose id starts with <paramref name="prefix"/>, after <paramref name="continuationToken"/>.</summary>
    public static async Task<Page<OrchestrationMetadata>> QueryPageAsync(this DurableTaskClient client, string prefix, int pageSize, string? continuationToken,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var query = new OrchestrationQuery { InstanceIdPrefix = prefix, PageSize = pageSize, ContinuationToken = continuationToken, FetchInputsAndOutputs = true };
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(continuationToken, pageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return page;
        }

        return new Page<OrchestrationMetadata>([], null);
    }
}
