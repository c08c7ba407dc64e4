namespace ServerlessGov.Storage.Azure.Http;

/// <summary>Splits a URI query into decoded name/value pairs, for the signing policies.</summary>
internal static class QueryString
{
    public static IEnumerable<KeyValuePair<string, string>> Parse(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];
            yield return new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value));
        }
    }
}
