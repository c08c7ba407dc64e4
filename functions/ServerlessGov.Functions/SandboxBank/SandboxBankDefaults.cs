using System.Security.Cryptography;
using Microsoft.Extensions.Configuration.Memory;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>
/// Whether the app serves its sandbox bank, and what that implies, as defaults below every other configuration source.
/// The bank is served when <c>SandboxBank:Enabled</c> says so, else only in the Development environment (the main job
/// turns it on). While it is, it has a client credential of its own, a random function key of this process
/// (<c>Auth:FunctionKeys:sandbox-bank-client</c>) unless set, and the app pays into it unless told otherwise:
/// <c>Payments:BankBaseUrl</c> is this app's own bank, relative to wherever the app listens, and
/// <c>Payments:ClientKey</c> that credential. While it is not, its functions are switched off
/// (<c>AzureWebJobs.&lt;name&gt;.Disabled</c>), so they are not mapped, and a real bank must be configured.
/// </summary>
public static class SandboxBankDefaults
{
    /// <summary>The name of the function key the sandbox's client uses when none is configured.</summary>
    public const string ClientKeyName = "sandbox-bank-client";

    /// <summary>Adds the defaults. Call after <c>AddFunctionsHost</c> (which reads local.settings.json) and after a command's own settings.</summary>
    public static IHostApplicationBuilder UseSandboxBankDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var enabled = bool.TryParse(configuration[SandboxBankOptions.Section + ":" + nameof(SandboxBankOptions.Enabled)], out var configured)
            ? configured
            : builder.Environment.IsDevelopment();
        var defaults = new Dictionary<string, string?>();
        if (enabled)
        {
            var clientKey = configuration["Auth:FunctionKeys:" + ClientKeyName];
            if (string.IsNullOrWhiteSpace(clientKey))
            {
                clientKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
                defaults["Auth:FunctionKeys:" + ClientKeyName] = clientKey;
            }

            if (string.IsNullOrWhiteSpace(configuration["Payments:BankBaseUrl"]))
            {
                defaults["Payments:BankBaseUrl"] = SandboxBankApi.Route + "/";
                if (string.IsNullOrWhiteSpace(configuration["Payments:ClientKey"]))
                {
                    defaults["Payments:ClientKey"] = clientKey;
                }
            }
        }
        else
        {
            defaults[$"AzureWebJobs:{SandboxBankApi.SubmitFunction}:Disabled"] = "true";
            defaults[$"AzureWebJobs:{SandboxBankApi.GetFunction}:Disabled"] = "true";
            defaults[$"AzureWebJobs:{SandboxBankApi.ListFunction}:Disabled"] = "true";
        }

        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource { InitialData = defaults });
        return builder;
    }
}
