using System.Text.Json.Nodes;
using ServerlessGov.Domain.Policies;

namespace ServerlessGov.Functions.Tests.Policies;

/// <summary>The shipped sample documents, with a unique id per test so tests sharing an Azurite never meet each other's policies.</summary>
internal static class PolicySamples
{
    /// <summary>The sample whose file name starts with <paramref name="file"/> (e.g. "01-"), as an editable JSON object.</summary>
    public static JsonObject Load(string file, string? id = null)
    {
        var json = SamplePolicies.Documents().Single(d => d.Name.StartsWith(file, StringComparison.Ordinal)).Json;
        var document = JsonNode.Parse(json)!.AsObject();
        if (id is not null)
        {
            document["id"] = id;
        }

        return document;
    }

    /// <summary>The old-age allowance under a fresh id.</summary>
    public static JsonObject OldAgeAllowance(out string id)
    {
        id = "old-age-" + Guid.NewGuid().ToString("N")[..12];
        return Load("01-", id);
    }
}
