using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Functions.Operations;
using ServerlessGov.Functions.Payouts.BankProtocol;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Tests.SandboxBank;
using ServerlessGov.Functions.Worker;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// The isolated worker writing what an HTTP function returns as a minimal-API result (<see cref="IResult"/>), which
/// the ASP.NET Core integration leaves unwritten: status, headers and body as the local runtime writes them, with the
/// worker's services as <c>Program.cs</c> registers them.
/// </summary>
public sealed class WorkerHttpResultsTests : IClassFixture<SqliteStorageFixture>
{
    private static readonly TestFunctionDefinition Dashboard =
        TestFunctionDefinition.For(typeof(OperationsFunctions), nameof(OperationsFunctions.GetAsync), "GetOperationsDashboard", "httpTrigger");

    private static readonly TestFunctionDefinition DashboardRefresh =
        TestFunctionDefinition.For(typeof(OperationsFunctions), nameof(OperationsFunctions.RefreshAsync), "RefreshOperationsDashboard", "timerTrigger");

    private readonly SqliteStorageFixture _storage;

    public WorkerHttpResultsTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Fact]
    public async Task Ok_IsWrittenAsJsonWithEnumsAsNames()
    {
        var written = await InvokeAsync(TypedResults.Ok(new Reading("north", DayOfWeek.Friday)));

        Assert.Equal(StatusCodes.Status200OK, written.Status);
        Assert.Equal("application/json; charset=utf-8", written.ContentType);
        Assert.Equal("""{"name":"north","day":"Friday"}""", written.Body);
        Assert.Null(written.InvocationResult);
    }

    [Fact]
    public async Task ResultsUnion_HoldingAProblem_WritesTheProblemDetailsWithItsStatus()
    {
        Results<Ok<Reading>, ProblemHttpResult> result = TypedResults.Problem(title: "No such reading", detail: "There is no reading 'south'.", statusCode: StatusCodes.Status404NotFound);

        var written = await InvokeAsync(result);

        Assert.Equal(StatusCodes.Status404NotFound, written.Status);
        Assert.Equal("application/problem+json", written.ContentType);
        using var problem = JsonDocument.Parse(written.Body);
        Assert.Equal(StatusCodes.Status404NotFound, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("No such reading", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("There is no reading 'south'.", problem.RootElement.GetProperty("detail").GetString());
        Assert.Null(written.InvocationResult);
    }

    [Fact]
    public async Task ResultsUnion_HoldingAccepted_Writes202WithTheLocation()
    {
        Results<Accepted<Reading>, ProblemHttpResult> result = TypedResults.Accepted("/api/readings/north", new Reading("north", DayOfWeek.Monday));

        var written = await InvokeAsync(result);

        Assert.Equal(StatusCodes.Status202Accepted, written.Status);
        Assert.Equal("/api/readings/north", written.Location);
        Assert.Equal("""{"name":"north","day":"Monday"}""", written.Body);
        Assert.Null(written.InvocationResult);
    }

    [Fact]
    public async Task Created_Writes201WithTheLocation()
    {
        var written = await InvokeAsync(TypedResults.Created("/api/readings/east", new Reading("east", DayOfWeek.Sunday)));

        Assert.Equal(StatusCodes.Status201Created, written.Status);
        Assert.Equal("/api/readings/east", written.Location);
        Assert.Equal("""{"name":"east","day":"Sunday"}""", written.Body);
    }

    [Fact]
    public async Task ActionResult_IsLeftToTheIntegration()
    {
        var result = new OkObjectResult("for the integration");

        var written = await InvokeAsync(result);

        Assert.Same(result, written.InvocationResult);
        Assert.Equal(StatusCodes.Status200OK, written.Status);
        Assert.Equal(string.Empty, written.Body);
    }

    [Fact]
    public async Task NoResult_IsLeftAlone()
    {
        var written = await InvokeAsync(result: null);

        Assert.Null(written.InvocationResult);
        Assert.Equal(StatusCodes.Status200OK, written.Status);
        Assert.Equal(string.Empty, written.Body);
    }

    [Fact]
    public async Task CallerGone_NothingIsWrittenAndTheResultIsCleared()
    {
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var written = await InvokeAsync(TypedResults.Ok(new Reading("north", DayOfWeek.Friday)), gone.Token);

        Assert.Null(written.InvocationResult);
        Assert.Equal(string.Empty, written.Body);
    }

    [Fact]
    public async Task TimerFunction_ItsResultIsUntouched()
    {
        await using var services = Services();
        var context = new TestFunctionContext(DashboardRefresh, services, http: null);
        var result = TypedResults.Ok(new Reading("north", DayOfWeek.Friday));

        await new WorkerHttpResults().Invoke(context, _ =>
        {
            context.InvocationResult = result;
            return Task.CompletedTask;
        });

        Assert.Same(result, context.InvocationResult);
    }

    [Fact]
    public async Task SandboxBankFunctions_AnswerThroughTheWorkerAsTheLocalRuntimeAnswers()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables, new Dictionary<string, string> { ["SettlementDelay"] = "01:00:00" });
        var functions = ActivatorUtilities.CreateInstance<SandboxBankFunctions>(bank.Services);
        var key = SandboxBankApiTests.NewKey();
        var instruction = """{"payeeAccount":"acct-7007","amountFen":4200,"currency":"CNY","purpose":"sample policy 2026-11"}""";
        using (await bank.Client.SendAsync(Submission(key, instruction)))
        {
        }

        // The same key and payload again: 202 with the payment's URL, locally and through the worker.
        using var local = await bank.Client.SendAsync(Submission(key, instruction));
        var worker = await InvokeAsync(
            http => functions.SubmitAsync(http.Request),
            HttpMethods.Post,
            "/api/" + SandboxBankApi.Route + "/" + BankWire.PaymentsPath,
            http =>
            {
                http.Request.Headers[BankWire.IdempotencyKeyHeader] = key;
                http.Request.ContentType = "application/json";
                http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(instruction));
            });
        await AssertSameAnswerAsync(local, worker);
        Assert.Equal(local.Headers.Location?.OriginalString, worker.Location);
        Assert.Equal("true", local.Headers.GetValues(BankWire.ReplayedHeader).Single());

        // The payment (its state as the bank's name for it) and a key never used (404 problem). An invalid key is left
        // out: the local runtime refuses it by its route-value rule before the function runs.
        foreach (var asked in new[] { key, SandboxBankApiTests.NewKey() })
        {
            using var localGet = await bank.Client.GetAsync(new Uri(BankWire.PaymentsPath + "/" + Uri.EscapeDataString(asked), UriKind.Relative));
            var workerGet = await InvokeAsync(
                http => functions.GetAsync(http.Request, asked, CancellationToken.None),
                HttpMethods.Get,
                "/api/" + SandboxBankApi.Route + "/" + BankWire.PaymentsPath + "/" + Uri.EscapeDataString(asked));
            await AssertSameAnswerAsync(localGet, workerGet);
        }
    }

    /// <summary>An enum-bearing body, as the app's views are.</summary>
    private sealed record Reading(string Name, DayOfWeek Day);

    /// <summary>What the middleware left: the response and the invocation result after it.</summary>
    private sealed record Written(int Status, string? ContentType, string? Location, string Body, object? InvocationResult);

    private static Task<Written> InvokeAsync(object? result, CancellationToken requestAborted = default) =>
        InvokeAsync(_ => Task.FromResult(result), HttpMethods.Get, "/api/operations/dashboard", http => http.RequestAborted = requestAborted);

    /// <summary>
    /// One HTTP invocation through the middleware: the function (<paramref name="function"/>, given the request) returns
    /// the invocation result, as the worker's executor sets it.
    /// </summary>
    private static async Task<Written> InvokeAsync<T>(Func<HttpContext, Task<T>> function, string method, string path, Action<HttpContext>? request = null)
    {
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = method;
        http.Request.Path = path;
        http.Response.Body = new MemoryStream();
        request?.Invoke(http);
        var context = new TestFunctionContext(Dashboard, scope.ServiceProvider, http);

        await new WorkerHttpResults().Invoke(context, async _ => context.InvocationResult = await function(http));

        http.Response.Body.Position = 0;
        using var reader = new StreamReader(http.Response.Body);
        var location = http.Response.Headers.Location.ToString();
        return new(http.Response.StatusCode, http.Response.ContentType, location.Length > 0 ? location : null, await reader.ReadToEndAsync(), context.InvocationResult);
    }

    /// <summary>
    /// The worker's services for writing results, as <c>Program.cs</c> registers them (problem details, the app's JSON),
    /// with the sandbox bank's JSON contract as its feature registers it.
    /// </summary>
    private static ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProblemDetails();
        services.AddAppJson();
        services.AddSandboxBank(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static HttpRequestMessage Submission(string key, string instruction)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BankWire.PaymentsPath, UriKind.Relative))
        {
            Content = new StringContent(instruction, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(BankWire.IdempotencyKeyHeader, key);
        return request;
    }

    private static async Task AssertSameAnswerAsync(HttpResponseMessage local, Written worker)
    {
        Assert.Equal((int)local.StatusCode, worker.Status);
        Assert.Equal(local.Content.Headers.ContentType?.ToString(), worker.ContentType);
        var body = await local.Content.ReadAsStringAsync();
        if (local.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            // Problem details carry the request's trace id, which differs between the two requests.
            using var localProblem = JsonDocument.Parse(body);
            using var workerProblem = JsonDocument.Parse(worker.Body);
            Assert.Equal(Without(localProblem, "traceId"), Without(workerProblem, "traceId"));
        }
        else
        {
            Assert.Equal(body, worker.Body);
        }

        Assert.Null(worker.InvocationResult);
    }

    private static string Without(JsonDocument document, string property) =>
        string.Join(",", document.RootElement.EnumerateObject().Where(p => p.Name != property).Select(p => $"{p.Name}={p.Value.GetRawText()}"));
}
