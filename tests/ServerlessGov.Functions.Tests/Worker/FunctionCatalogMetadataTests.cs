using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// What the local runtime runs is what Azure will load: the functions it reads from the app's <c>[Function]</c>
/// attributes equal the Worker SDK's <c>functions.metadata</c> in the build output (names, trigger types, routes and
/// methods, queue names, schedules, connection names), and the app's catalog is exactly those functions, declared that
/// way: every function of the app is a <c>[Function]</c> method the Azure Functions host loads.
/// </summary>
public sealed class FunctionCatalogMetadataTests
{
    [Fact]
    public void LocalCatalog_FunctionsDeclaredByAttributes_EqualTheBuildOutputsFunctionsMetadata()
    {
        var configuration = new ConfigurationBuilder().Build();
        var expected = ReadMetadata(configuration);

        var discovered = new FunctionsBuilder(configuration).AddFunctionsFrom(typeof(AppFunctions).Assembly).Functions.Select(Describe).ToList();

        Assert.NotEmpty(expected);
        Assert.Equal(expected.OrderBy(f => f.Name, StringComparer.Ordinal), discovered.OrderBy(f => f.Name, StringComparer.Ordinal));
    }

    [Fact]
    public void AppCatalog_IsExactlyFunctionsMetadata_NoFunctionDeclaredAnyOtherWay()
    {
        var configuration = new ConfigurationBuilder().Build();
        var expected = ReadMetadata(configuration);
        var app = new FunctionsBuilder(configuration);

        AppFunctions.Declare(app);

        Assert.Equal(expected.OrderBy(f => f.Name, StringComparer.Ordinal), app.Functions.Select(Describe).OrderBy(f => f.Name, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("GetOperationsDashboard", "httpTrigger")]
    [InlineData("RefreshOperationsDashboard", "timerTrigger")]
    [InlineData("ListInbox", "httpTrigger")]
    [InlineData("MarkInboxRead", "httpTrigger")]
    [InlineData("StartSubjectImport", "httpTrigger")]
    [InlineData("GetSubjectImport", "httpTrigger")]
    [InlineData("GetSubjectImportQuarantine", "httpTrigger")]
    [InlineData("GetSubject", "httpTrigger")]
    [InlineData("PushSubjectChange", "httpTrigger")]
    [InlineData("LookUpSubject", "httpTrigger")]
    [InlineData("RunSubjectImport", "queueTrigger")]
    [InlineData("SubjectChanges", "queueTrigger")]
    [InlineData("ListReviews", "httpTrigger")]
    [InlineData("GetSlaReport", "httpTrigger")]
    [InlineData("GetWeeklySlaReport", "httpTrigger")]
    [InlineData("GetReview", "httpTrigger")]
    [InlineData("ClaimReview", "httpTrigger")]
    [InlineData("AssignReview", "httpTrigger")]
    [InlineData("StartReview", "httpTrigger")]
    [InlineData("AskForEvidence", "httpTrigger")]
    [InlineData("ReceiveEvidence", "httpTrigger")]
    [InlineData("ChangeReviewPriority", "httpTrigger")]
    [InlineData("DecideReview", "httpTrigger")]
    [InlineData("FileObjection", "httpTrigger")]
    [InlineData("PolicyRun", "orchestrationTrigger")]
    [InlineData("PayCase", "orchestrationTrigger")]
    [InlineData("RecurringAllowance", "orchestrationTrigger")]
    [InlineData("ReviewCase", "orchestrationTrigger")]
    [InlineData("PayCasePayout", "activityTrigger")]
    [InlineData("EvaluatePolicyShard", "activityTrigger")]
    [InlineData("ReviewEscalateThenSteps", "activityTrigger")]
    [InlineData("StartPolicyRunOnPublish", "queueTrigger")]
    [InlineData("OnReviewEscalation", "queueTrigger")]
    [InlineData("StartDailyPolicyRuns", "timerTrigger")]
    [InlineData("SweepReviewDeadlines", "timerTrigger")]
    [InlineData("GetCase", "httpTrigger")]
    [InlineData("StartPolicyRun", "httpTrigger")]
    public void FunctionsMetadata_ConvertedFunction_IsListedForTheAzureHost(string name, string trigger)
    {
        var listed = ReadMetadata(new ConfigurationBuilder().Build());

        Assert.Contains(new KeyValuePair<string, string>(name, trigger), listed.Select(f => new KeyValuePair<string, string>(f.Name, f.Trigger)));
    }

    /// <summary>One function's trigger as both hosts read it; null where the trigger has no such property.</summary>
    private sealed record Declared(string Name, string Trigger, string? Route, string? Methods, string? Queue, string? Schedule, bool? RunOnStartup, string? Connection);

    private static Declared Describe(FunctionDefinition function) => function switch
    {
        HttpFunctionDefinition http => new(http.Name, "httpTrigger", http.Route, http.Method, null, null, null, null),
        TimerFunctionDefinition timer => new(timer.Name, "timerTrigger", null, null, null, timer.Schedule, timer.RunOnStartup, null),
        QueueFunctionDefinition queue => new(queue.Name, "queueTrigger", null, null, queue.QueueName, null, null, null),
        OrchestrationFunctionDefinition => new(function.Name, "orchestrationTrigger", null, null, null, null, null, null),
        ActivityFunctionDefinition => new(function.Name, "activityTrigger", null, null, null, null, null, null),
        _ => new(function.Name, function.Trigger.ToString(), null, null, null, null, null, null),
    };

    /// <summary>functions.metadata as the Functions host reads it, with <c>%name%</c> resolved from the same settings.</summary>
    private static List<Declared> ReadMetadata(IConfiguration configuration)
    {
        var functions = new List<Declared>();
        foreach (var function in FunctionsMetadataFile.Read())
        {
            var trigger = function.Trigger;
            var type = function.TriggerType;
            string? Text(string name) => trigger.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Resolve(value.GetString()!, configuration) : null;
            functions.Add(type switch
            {
                "httpTrigger" => new(function.Name, type, Text("route"), string.Join(",", trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())), null, null, null, Text("connection")),
                "timerTrigger" => new(function.Name, type, null, null, null, Text("schedule"), trigger.TryGetProperty("runOnStartup", out var run) && run.GetBoolean(), Text("connection")),
                "queueTrigger" => new(function.Name, type, null, null, Text("queueName"), null, null, Text("connection")),
                _ => new(function.Name, type, null, null, null, null, null, null),
            });
        }

        return functions;
    }

    private static string Resolve(string value, IConfiguration configuration) =>
        Regex.Replace(value, "%([^%]+)%", m => configuration[m.Groups[1].Value] ?? m.Value, RegexOptions.CultureInvariant);
}
