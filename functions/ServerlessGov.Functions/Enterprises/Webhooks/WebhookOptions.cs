namespace ServerlessGov.Functions.Enterprises.Webhooks;

/// <summary>Configuration section <c>Enterprises:Webhooks</c>: which enterprise webhook addresses the app may call.</summary>
public sealed class WebhookOptions
{
    /// <summary>The section name.</summary>
    public const string Section = "Enterprises:Webhooks";

    /// <summary>
    /// Lets enterprise webhooks point at loopback, private, link-local and other non-public addresses, and use plain
    /// http on a loopback host. Off by default: on only for local development and tests, whose webhooks listen on
    /// loopback. Turning it on in a deployed app lets an enterprise make the app call its internal network (SSRF).
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }
}
