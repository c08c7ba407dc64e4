using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.Tests.Support;
using FromBodyAttribute = Microsoft.Azure.Functions.Worker.Http.FromBodyAttribute;
using LocalFunctionContext = ServerlessGov.Hosting.Catalog.FunctionContext;
using LocalScheduleStatus = ServerlessGov.Hosting.Timers.ScheduleStatus;
using LocalTimerInfo = ServerlessGov.Hosting.Timers.TimerInfo;
using WorkerTimerInfo = Microsoft.Azure.Functions.Worker.TimerInfo;

namespace ServerlessGov.Hosting.Tests.Catalog;

/// <summary>
/// The local runtime reads isolated-worker <c>[Function]</c> methods: settings in binding expressions, the worker's
/// TimerInfo, an HTTP function's route values, query values, JSON body and signed-in user as the worker's ASP.NET Core
/// integration binds them (on a real host), and refusals that name the method.
/// </summary>
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

    [Fact]
    public async Task HttpFunction_RouteValueQueryValuesBodyAndUser_AreBoundByName()
    {
        await using var host = await StartAsync();
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Operator, subject: "op-7"));

        using var full = await host.Client.PostAsJsonAsync("/api/things/p-1/echo?limit=5&flag=true&note=hello", new { amountFen = 120 });
        using var bare = await host.Client.PostAsJsonAsync("/api/things/p-2/echo", new { amountFen = 1 });

        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(new Echoed("p-1", 5, true, "hello", 120, "op-7"), await full.Content.ReadFromJsonAsync<Echoed>());
        Assert.Equal(new Echoed("p-2", null, null, null, 1, "op-7"), await bare.Content.ReadFromJsonAsync<Echoed>());
    }

    [Fact]
    public async Task HttpFunction_RouteValueBreakingItsRule_Is400BeforeTheFunctionRuns()
    {
        await using var host = await StartAsync();
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Operator));

        using var response = await host.Client.PostAsJsonAsync("/api/things/NOT_A_POLICY/echo", new { amountFen = 1 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(SampleApi.PolicyId.Description, problem.RootElement.GetProperty("errors").GetProperty("id")[0].GetString());
        Assert.Empty(host.Services.GetRequiredService<EchoCalls>().Ids);
    }

    [Fact]
    public async Task HttpFunction_QueryValueThatDoesNotParse_Is400NamingTheParameterNeverTheValue()
    {
        await using var host = await StartAsync();
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Operator));

        using var response = await host.Client.PostAsJsonAsync("/api/things/p-1/echo?limit=many", new { amountFen = 1 });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'limit'", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("many", body, StringComparison.Ordinal);
        Assert.Empty(host.Services.GetRequiredService<EchoCalls>().Ids);
    }

    [Fact]
    public async Task HttpFunction_BodyNotTheJsonItReads_Is400NamingTheJsonPathAndMissingOrNotJsonIsRefused()
    {
        await using var host = await StartAsync();
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Operator));

        using var wrong = await host.Client.PostAsync("/api/things/p-1/echo", new StringContent("""{"amountFen": "lots"}""", Encoding.UTF8, "application/json"));
        using var missing = await host.Client.PostAsync("/api/things/p-1/echo", null);
        using var text = await host.Client.PostAsync("/api/things/p-1/echo", new StringContent("amountFen=1", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var wrongBody = await wrong.Content.ReadAsStringAsync();
        Assert.Equal("must be an integer", JsonDocument.Parse(wrongBody).RootElement.GetProperty("errors").GetProperty("$.amountFen")[0].GetString());
        Assert.DoesNotContain(nameof(EchoBody), wrongBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("'body'", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Empty(host.Services.GetRequiredService<EchoCalls>().Ids);
    }

    [Fact]
    public async Task HttpFunction_RouteValueOfAParsableType_IsBoundAsThatType()
    {
        await using var host = await StartVersionsAsync();
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Operator));

        using var response = await host.Client.GetAsync("/api/things/p-1/versions/42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new VersionView("p-1", 42), await response.Content.ReadFromJsonAsync<VersionView>());
    }

    [Fact]
    public async Task HttpFunction_ResultTypeAndMethodAttributes_DescribeTheEndpointAsAMinimalApiHandlersWould()
    {
        await using var host = await StartVersionsAsync();
        host.Client.DefaultRequestHeaders.Authorization = new("Bearer", host.Tokens.Issue(FunctionRoles.Operator));

        using var openApi = JsonDocument.Parse(await host.Client.GetStringAsync("/openapi/v1.json"));
        using var json = await host.Client.PostAsync("/api/things/notes", new StringContent("""{"amountFen": 3}""", Encoding.UTF8, "application/json"));
        using var text = await host.Client.PostAsync("/api/things/notes", new StringContent("amountFen=3", Encoding.UTF8, "text/plain"));

        var paths = openApi.RootElement.GetProperty("paths");
        var get = paths.GetProperty("/api/things/{id}/versions/{version}").GetProperty("get").GetProperty("responses");
        Assert.Contains(nameof(VersionView), get.GetProperty("200").ToString(), StringComparison.Ordinal);
        var post = paths.GetProperty("/api/things/notes").GetProperty("post");
        Assert.Contains(nameof(EchoBody), post.GetProperty("requestBody").ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("""{"amountFen": 3}""", await json.Content.ReadFromJsonAsync<string>());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
    }

    [Fact]
    public void AddFunctionsFrom_AuthorizationLevelAndOurAttribute_SayWhoMayCall()
    {
        var functions = new FunctionsBuilder(Settings()).AddFunctionsFrom(typeof(CallerFunctions)).Functions.Cast<HttpFunctionDefinition>().ToDictionary(f => f.Name);

        Assert.Same(FunctionAuthorization.FunctionKey, functions["KeyOnly"].Authorization);
        Assert.Same(FunctionAuthorization.Public, functions["Anyone"].Authorization);
        Assert.Equal([FunctionRoles.Auditor], functions["AuditorsOnly"].Authorization.AllowedRoles);
    }

    [Theory]
    [InlineData(typeof(ExtraParameterFunctions), "'recorder'")]
    [InlineData(typeof(TwoBodiesFunctions), "[FromBody]")]
    [InlineData(typeof(NoRolesFunctions), "[RequireRoles")]
    [InlineData(typeof(PublicWithRolesFunctions), "[PublicFunction]")]
    [InlineData(typeof(KeyWithRolesFunctions), "AuthorizationLevel.Function")]
    [InlineData(typeof(InstanceOrchestrationFunctions), "an orchestrator function is static")]
    [InlineData(typeof(ActivityWithServiceParameterFunctions), "'recorder'")]
    public void AddFunctionsFrom_WhatTheLocalRuntimeCannotBind_FailsNamingTheMethod(Type type, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => new FunctionsBuilder(Settings()).AddFunctionsFrom(type));

        Assert.Contains(type.Name, error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpArguments_TriggerIsADifferentReflectionObjectForTheSameParameter_StillBindsTheRequest()
    {
        // Reflection hands out new ParameterInfo objects for one parameter (another reflected type, or two threads
        // filling the runtime's cache at once); binding must not depend on which object the caller holds.
        var method = typeof(DerivedGreetFunctions).GetMethod(nameof(GreetFunctionsBase.Greet))!;
        var trigger = typeof(GreetFunctionsBase).GetMethod(nameof(GreetFunctionsBase.Greet))!.GetParameters()[0];
        Assert.NotSame(method.GetParameters()[0], trigger);

        var arguments = HttpArguments.For(method, trigger, "greet/{name}", "Greet");
        var context = new DefaultHttpContext();
        context.Request.RouteValues["name"] = "li";

        var bound = await arguments.BindAsync(context);

        Assert.Same(context.Request, bound[0]);
        Assert.Equal("li", bound[1]);
    }

    private static Task<FunctionsTestHost> StartAsync() => FunctionsTestHost.StartAsync(
        functions => functions.RouteValue(SampleApi.PolicyId).AddFunctionsFrom(typeof(BindingFunctions)),
        services: services => services.AddSingleton<EchoCalls>());

    private static Task<FunctionsTestHost> StartVersionsAsync() => FunctionsTestHost.StartAsync(
        functions => functions.RouteValue(SampleApi.PolicyId).RouteValue(VersionRule).AddFunctionsFrom(typeof(VersionFunctions)));

    private static readonly RouteValueRule VersionRule = RouteValueRule.Matching("version", 9, "a version number: 1-9 digits", new Regex("^[0-9]{1,9}$", RegexOptions.CultureInvariant));

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

    public sealed record EchoBody(long AmountFen);

    public sealed record Echoed(string Id, int? Limit, bool? Flag, string? Note, long AmountFen, string? Subject);

    /// <summary>The ids each echo call saw, to prove a refused request never reached the function.</summary>
    public sealed class EchoCalls
    {
        public List<string> Ids { get; } = [];
    }

    public sealed class BindingFunctions(EchoCalls calls)
    {
        [Function("Echo")]
        [RequireRoles(FunctionRoles.Operator)]
        public IResult Echo(
            [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "things/{id}/echo")] HttpRequest request,
            string id, int? limit, bool? flag, string? note, [FromBody] EchoBody body, CancellationToken cancellationToken)
        {
            calls.Ids.Add(id);
            return TypedResults.Ok(new Echoed(id, limit, flag, note, body.AmountFen, request.HttpContext.User.FindFirstValue("sub")));
        }
    }

    public sealed record VersionView(string Id, int Version);

    public sealed class VersionFunctions
    {
        [Function("GetThingVersion")]
        [RequireRoles(FunctionRoles.Operator)]
        public static Task<Results<Ok<VersionView>, ProblemHttpResult>> GetVersionAsync(
            [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "things/{id}/versions/{version:int}")] HttpRequest request, string id, int version) =>
            Task.FromResult<Results<Ok<VersionView>, ProblemHttpResult>>(version > 0 ? TypedResults.Ok(new VersionView(id, version)) : TypedResults.Problem(statusCode: 404));

        /// <summary>Reads its body itself, as text, and declares what it accepts as minimal APIs read it from a handler's attributes.</summary>
        [Function("AddThingNote")]
        [RequireRoles(FunctionRoles.Operator)]
        [Consumes(typeof(EchoBody), "application/json")]
        public static async Task<Ok<string>> AddNoteAsync(
            [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "things/notes")] HttpRequest request, CancellationToken cancellationToken)
        {
            using var reader = new StreamReader(request.Body);
            return TypedResults.Ok(await reader.ReadToEndAsync(cancellationToken));
        }
    }

    public sealed class ExtraParameterFunctions
    {
        [Function("Greet")]
        [RequireRoles(FunctionRoles.Operator)]
        public static IResult Greet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "greet")] HttpRequest request, TimerRecorder recorder) => Results.Ok();
    }

    public sealed class TwoBodiesFunctions
    {
        [Function("Twice")]
        [RequireRoles(FunctionRoles.Operator)]
        public static IResult Twice([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "twice")] HttpRequest request, [FromBody] EchoBody first, [FromBody] EchoBody second) => Results.Ok();
    }

    public sealed class NoRolesFunctions
    {
        [Function("Open")]
        public static IResult Open([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open")] HttpRequest request) => Results.Ok();
    }

    public sealed class CallerFunctions
    {
        [Function("KeyOnly")]
        public static IResult KeyOnly([HttpTrigger(AuthorizationLevel.Function, "get", Route = "key-only")] HttpRequest request) => Results.Ok();

        [Function("Anyone")]
        [PublicFunction]
        public static IResult Anyone([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "anyone")] HttpRequest request) => Results.Ok();

        [Function("AuditorsOnly")]
        [RequireRoles(FunctionRoles.Auditor)]
        public static IResult AuditorsOnly([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auditors-only")] HttpRequest request) => Results.Ok();
    }

    public sealed class PublicWithRolesFunctions
    {
        [Function("Both")]
        [PublicFunction]
        [RequireRoles(FunctionRoles.Operator)]
        public static IResult Both([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "both")] HttpRequest request) => Results.Ok();
    }

    public sealed class KeyWithRolesFunctions
    {
        [Function("KeyAndRoles")]
        [RequireRoles(FunctionRoles.Operator)]
        public static IResult KeyAndRoles([HttpTrigger(AuthorizationLevel.Function, "get", Route = "key-and-roles")] HttpRequest request) => Results.Ok();
    }

    public class GreetFunctionsBase
    {
        protected string Greeting { get; } = "ni hao";

        [Function("GreetByName")]
        public IResult Greet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "greet/{name}")] HttpRequest request, string name) => Results.Ok($"{Greeting} {name}");
    }

    public sealed class DerivedGreetFunctions : GreetFunctionsBase;

    public sealed class InstanceOrchestrationFunctions
    {
        private readonly int _result = 1;

        [Function("RunInstance")]
        public Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) => Task.FromResult(_result);
    }

    public sealed class ActivityWithServiceParameterFunctions
    {
        [Function("CountWithRecorder")]
        public static Task<int> CountAsync([ActivityTrigger] int value, TimerRecorder recorder) => Task.FromResult(value);
    }
}
