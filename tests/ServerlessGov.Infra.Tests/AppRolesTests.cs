using System.Text.Json.Nodes;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Infra.Tests;

/// <summary>The Entra ID app roles that docs/DEPLOY.md registers are exactly the roles the API checks.</summary>
public sealed class AppRolesTests
{
    [Fact]
    public void AppRoles_Values_AreTheRolesTheApiChecks()
    {
        var roles = JsonNode.Parse(File.ReadAllText(Path.Combine(BicepCli.InfraFolder, "app-roles.json")))!.AsArray();

        var values = roles.Select(r => r!["value"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(FunctionRoles.All.Order(StringComparer.Ordinal), values);
        Assert.Equal(roles.Count, roles.Select(r => r!["id"]!.GetValue<string>()).Distinct(StringComparer.Ordinal).Count());
    }
}
