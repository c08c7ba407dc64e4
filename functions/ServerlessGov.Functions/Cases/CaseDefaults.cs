using System.Globalization;
using Microsoft.Extensions.Configuration.Memory;

namespace ServerlessGov.Functions.Cases;

/// <summary>
/// The app's defaults for paying locally, below every other configuration source: the embedded sandbox bank of this
/// very app as the payment gateway (and its callback), and Asia/Shanghai as the time zone of timer schedules, so the
/// daily sweep runs just after local midnight. Each applies only when the setting is not given.
/// </summary>
public static class CaseDefaults
{
    /// <summary>The port the app listens on when nothing else says (as <c>func start</c>).</summary>
    public const int DefaultPort = 7071;

    /// <summary>Adds the defaults. Call after <c>AddFunctionsHost</c>, which reads local.settings.json.</summary>
    public static WebApplicationBuilder UseSandboxBankByDefault(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var port = int.TryParse(configuration["Host:LocalHttpPort"], NumberStyles.None, CultureInfo.InvariantCulture, out var configured) ? configured : DefaultPort;
        var root = string.Create(CultureInfo.InvariantCulture, $"http://localhost:{port}/api/");
        var defaults = new Dictionary<string, string?>();
        AddUnlessSet(configuration, defaults, "Payments:BankBaseUrl", root + "sandbox-bank/v1/");
        AddUnlessSet(configuration, defaults, "Payouts:CallbackUrl", root + "payouts/bank-callbacks");
        AddUnlessSet(configuration, defaults, "WEBSITE_TIME_ZONE", "Asia/Shanghai");
        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        return builder;
    }

    private static void AddUnlessSet(ConfigurationManager configuration, Dictionary<string, string?> defaults, string key, string value)
    {
        if (string.IsNullOrWhiteSpace(configuration[key]))
        {
            defaults[key] = value;
        }
    }
}
