using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Domain.Policies;

/// <summary>The twelve sample policies shipped as embedded JSON (amounts are samples, not legal figures).</summary>
public static class SamplePolicies
{
    private const string Prefix = "ServerlessGov.Domain.Resources.policies.";

    /// <summary>The raw JSON documents, by resource file name, in order.</summary>
    public static IReadOnlyList<(string Name, string Json)> Documents()
    {
        var assembly = typeof(SamplePolicies).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return (n[Prefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }

    /// <summary>Loads and validates every sample policy (running its test cases).</summary>
    /// <exception cref="PolicyValidationException">A sample is invalid.</exception>
    public static IReadOnlyList<PolicyDocument> Load(DataDictionary dictionary) =>
        Documents().Select(d => PolicyDocumentLoader.Load(d.Json, dictionary)).ToList();
}
