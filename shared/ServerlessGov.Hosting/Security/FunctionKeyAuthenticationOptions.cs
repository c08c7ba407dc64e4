using Microsoft.AspNetCore.Authentication;

namespace ServerlessGov.Hosting.Security;

/// <summary>The function keys the host accepts, by name (from <c>Auth:FunctionKeys:&lt;name&gt;</c>).</summary>
internal sealed class FunctionKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    public IReadOnlyDictionary<string, string> Keys { get; set; } = new Dictionary<string, string>();
}
