using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>Outside Development the app refuses to start without a topic to publish enterprise notifications to.</summary>
public sealed class EnterpriseConfigurationTests
{
    [Fact]
    public async Task Start_ProductionWithoutTopicEndpoint_FailsNamingTheSetting()
    {
        var (exitCode, output) = await FunctionApp.StartExpectingFailureAsync(new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Enterprises:EventGrid:TopicEndpoint is required", output, StringComparison.Ordinal);
    }
}
