namespace ServerlessGov.Storage.Azure.Tables;

/// <summary>The Table service's protocol constants.</summary>
internal static class TableHeaders
{
    /// <summary>
    /// Minimal metadata rather than none: with <c>nometadata</c> the service drops the type annotations on reads, and
    /// an Int64, DateTime, Guid or Binary would come back as a plain string.
    /// </summary>
    public const string Accept = "application/json;odata=minimalmetadata";

    public const string ServiceVersion = "2019-02-02";
}
