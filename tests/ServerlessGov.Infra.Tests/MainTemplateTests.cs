using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessGov.Infra.Tests;

/// <summary>The deployment template builds and lints clean (warnings count as failures) and keeps the promises docs/DEPLOY.md makes.</summary>
public sealed class MainTemplateTests
{
    [Fact]
    public async Task MainTemplate_Lint_ReportsNothing()
    {
        var (exitCode, output) = await BicepCli.RunAsync("lint", "main.bicep");

        Assert.True(exitCode == 0 && string.IsNullOrWhiteSpace(output), $"bicep lint main.bicep (exit {exitCode}):\n{output}");
    }

    [Fact]
    public async Task MainTemplate_Build_ReportsNothing()
    {
        var (exitCode, output) = await Build.Value;

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Warning", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Error", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MainTemplate_Storage_AcceptsNoSharedKey()
    {
        var template = await CompileAsync();

        var storage = Resource(template, "Microsoft.Storage/storageAccounts");
        Assert.False(storage["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
        var text = template.ToJsonString();
        Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MainTemplate_FunctionApp_ReadsStorageWithItsManagedIdentity()
    {
        var template = await CompileAsync();

        var settings = Resource(template, "Microsoft.Web/sites").ToJsonString();
        Assert.Contains("AzureWebJobsStorage__accountName", settings, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__credential", settings, StringComparison.Ordinal);
        Assert.Contains("managedidentity", settings, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage__clientId", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("\"AzureWebJobsStorage\"", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MainTemplate_FunctionApp_TakesTokensFromTheTenantAndShowsNoHomePage()
    {
        var template = await CompileAsync();

        // The worker's token check (WorkerAuthorization, decision 0019) reads these keys; the compiled settings are one ARM expression.
        var settings = Resource(template, "Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.GetValue<string>();
        Assert.Contains("'Auth__Authority', 'value', format('{0}{1}/v2.0', environment().authentication.loginEndpoint, parameters('tenantId'))", settings, StringComparison.Ordinal);
        Assert.Contains("'Auth__Audience', 'value', parameters('apiClientId')", settings, StringComparison.Ordinal);
        Assert.Contains("'AzureWebJobsDisableHomepage', 'value', 'true'", settings, StringComparison.Ordinal);
        Assert.DoesNotContain("Auth__DevSigningKey", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MainTemplate_HostingPlan_IsFlexConsumptionUnlessPremiumIsAsked()
    {
        var template = await CompileAsync();

        var hostingPlan = template["parameters"]!["hostingPlan"]!;
        Assert.Equal("FlexConsumption", hostingPlan["defaultValue"]!.GetValue<string>());
        Assert.Equal(["FlexConsumption", "ElasticPremium"], hostingPlan["allowedValues"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task MainTemplate_EventGridAndInsights_AcceptEntraIdOnly()
    {
        var template = await CompileAsync();

        Assert.True(Resource(template, "Microsoft.EventGrid/topics")["properties"]!["disableLocalAuth"]!.GetValue<bool>());
        Assert.True(Resource(template, "Microsoft.Insights/components")["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public async Task MainTemplate_PaymentSecrets_AreKeyVaultReferencesOnly()
    {
        var template = await CompileAsync();

        var settings = Resource(template, "Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.GetValue<string>();
        // The compiled settings are one ARM expression: each secret's value must be built as a Key Vault reference.
        foreach (var setting in new[] { "Payouts__IdempotencySecret", "Payments__ClientKey", "Subjects__PseudonymKey" })
        {
            Assert.Contains($"'{setting}', 'value', format('@Microsoft.KeyVault(VaultName=", settings, StringComparison.Ordinal);
        }
        Assert.True(Resource(template, "Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
    }

    [Fact]
    public async Task MainTemplate_Console_IsAStandardStaticWebAppTheApiAcceptsCallsFrom()
    {
        var template = await CompileAsync();

        var console = Resource(template, "Microsoft.Web/staticSites");
        Assert.Equal("Standard", console["sku"]!["name"]!.GetValue<string>());
        var cors = Resource(template, "Microsoft.Web/sites")["properties"]!["siteConfig"]!["cors"]!["allowedOrigins"]!.AsArray();
        var origin = Assert.Single(cors)!.GetValue<string>();
        Assert.Contains("Microsoft.Web/staticSites", origin, StringComparison.Ordinal);
        Assert.Contains("defaultHostname", origin, StringComparison.Ordinal);
    }

    // One compilation serves every test: the CLI takes seconds to start.
    private static readonly Lazy<Task<(int ExitCode, string Output)>> Build = new(() => BicepCli.RunAsync("build", "main.bicep", "--stdout"));

    private static async Task<JsonObject> CompileAsync()
    {
        var (exitCode, output) = await Build.Value;
        Assert.True(exitCode == 0, output);
        return JsonNode.Parse(output, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false })!.AsObject();
    }

    private static JsonObject Resource(JsonObject template, string type)
    {
        // Bicep 0.3x+ writes resources as an object keyed by symbolic name when symbolic names are on, else as an array.
        var resources = template["resources"]!;
        var all = resources is JsonArray array ? array.Select(r => r!.AsObject()) : resources.AsObject().Select(p => p.Value!.AsObject());
        return all.Single(r => r["type"]!.GetValue<string>() == type);
    }
}
