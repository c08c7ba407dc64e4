using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Security;
using LocalFunctionContext = ServerlessGov.Hosting.Catalog.FunctionContext;
using LocalScheduleStatus = ServerlessGov.Hosting.Timers.ScheduleStatus;
using LocalTimerInfo = ServerlessGov.Hosting.Timers.TimerInfo;
using WorkerTimerInfo = Microsoft.Azure.Functions.Worker.TimerInfo;

namespace ServerlessGov.Hosting.Tests.Catalog;

/// <summary>The local runtime reads isolated-worker <c>[Function]</c> methods: settings in binding expressions, the worker's TimerInfo, and refusals that name the method.</summary>
public sealed class AttributeFunctionsTests
{
    [Fact]
    public void AddFunctionsFrom_TimerScheduleNamesASetting_IsReadWithTheSettingsValue()
    {
        var functions = new FunctionsBuilder(Settings(("SweepSchedule", "0 0 3 * * *"))).AddFunctionsFrom(typeof(SettingScheduledFunctions));

        var timer = Assert.IsType<TimerFunctionDefinition>(Assert.Single(functions.Functions));
        Assert.Equal("Sweep", timer.Name);
        Assert.Equal("0 0 3 * * *", timer.Schedule);
        Assert.True(timer.RunOnStartup);
    }

    [Fact]
    public void AddFunctionsFrom_SettingMissing_FailsNamingTheSettingAndTheMethod()
    {
        var error = Assert.Throws<ArgumentException>(() => new FunctionsBuilder(Settings()).AddFunctionsFrom(typeof(SettingScheduledFunctions)));

        Assert.Contains("'SweepSchedule'", error.Message, StringComparison.Ordinal);
        Assert.Contains("SettingScheduledFunctions.Sweep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimerFunction_RunByTheLocalRuntime_GetsTheWorkersTimerInfoOnAnInstanceFromTheInvocationsServices()
    {
        var functions = new FunctionsBuilder(Settings(("SweepSchedule", "0 0 3 * * *"))).AddFunctionsFrom(typeof(SettingScheduledFunctions));
        var timer = Assert.IsType<TimerFunctionDefinition>(Assert.Single(functions.Functions));
        var recorder = new TimerRecorder();
        await using var services = new ServiceCollection().AddSingleton(recorder).BuildServiceProvider();
        var next = new DateTimeOffset(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);

        await timer.Handler(
            new LocalTimerInfo { ScheduledTime = next.AddDays(-1), IsPastDue = true, ScheduleStatus = new LocalScheduleStatus(next.AddDays(-2), next, next.AddDays(-1)) },
            new LocalFunctionContext("Sweep", "invocation-1", services), CancellationToken.None);

        var received = Assert.Single(recorder.Received);
        Assert.True(received.IsPastDue);
        Assert.Equal(next.UtcDateTime, received.ScheduleStatus!.Next);
    }

    [Theory]
    [InlineData(typeof(ExtraParameterFunctions), "'name'")]
    [InlineData(typeof(NoRolesFunctions), "[RequireRoles")]
    public void AddFunctionsFrom_WhatTheLocalRuntimeCannotBind_FailsNamingTheMethod(Type type, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new FunctionsBuilder(Settings()).AddFunctionsFrom(type));

        Assert.Contains(type.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    public sealed class TimerRecorder
    {
        public List<WorkerTimerInfo> Received { get; } = [];
    }

    public sealed class SettingScheduledFunctions(TimerRecorder recorder)
    {
        [Function("Sweep")]
        public Task Sweep([TimerTrigger("%SweepSchedule%", RunOnStartup = true)] WorkerTimerInfo timer, CancellationToken cancellationToken)
        {
            recorder.Received.Add(timer);
            return Task.CompletedTask;
        }
    }

    public sealed class ExtraParameterFunctions
    {
        [Function("Greet")]
        [RequireRoles(FunctionRoles.Operator)]
        public static IResult Greet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "greet")] HttpRequest request, string name) => Results.Ok(name);
    }

    public sealed class NoRolesFunctions
    {
        [Function("Open")]
        public static IResult Open([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open")] HttpRequest request) => Results.Ok();
    }
}
