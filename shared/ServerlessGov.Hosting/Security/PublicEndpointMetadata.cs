namespace ServerlessGov.Hosting.Security;

/// <summary>
/// Endpoint metadata saying "open to anyone on purpose". <see cref="EndpointAudit"/> accepts an anonymous endpoint
/// only when it carries this marker, so a stray <c>AllowAnonymous()</c> is caught.
/// </summary>
public sealed class PublicEndpointMetadata
{
    /// <summary>The one instance endpoints carry.</summary>
    public static PublicEndpointMetadata Instance { get; } = new();

    private PublicEndpointMetadata()
    {
    }
}
