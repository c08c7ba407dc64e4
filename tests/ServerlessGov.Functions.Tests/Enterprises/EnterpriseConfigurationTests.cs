using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>The app refuses to start without a topic it can publish enterprise notifications to.</summary>
public sealed class EnterpriseConfigurationTests
{
    [Fact]
    public async Task Start_ProductionWithoutTopicEndpoint_FailsNamingTheSetting()
    {
        var (exitCode, output) = await FunctionApp.StartExpectingFailureAsync(new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Auth__DevSigningKey"] = string.Empty,
            ["Auth__Authority"] = "https://login.example.test/tenant/v2.0",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Enterprises:EventGrid:TopicEndpoint is required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PlainHttpTopicWithoutKey_FailsNamingTheKeySetting()
    {
        var (exitCode, output) = await FunctionApp.StartExpectingFailureAsync(new Dictionary<string, string>
        {
            ["Enterprises__EventGrid__TopicEndpoint"] = "http://127.0.0.1:9/api/enterprises/events",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Enterprises:EventGrid:TopicKey is required when TopicEndpoint is not https", output, StringComparison.Ordinal);
    }
}
