using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Azure.Functions.Worker.Extensions.Http.Converters;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Functions.Payouts.BankProtocol;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Tests.SandboxBank;
using ServerlessGov.Functions.Worker;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Configuration;
using ServerlessGov.Hosting.Http;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// The isolated worker refusing what the local runtime refuses before a function runs (route values, JSON bodies,
/// query values), answering a request problem a function throws as the local runtime answers it, and giving a
/// <c>[FromBody]</c> parameter the body as the local runtime reads it.
/// </summary>
public sealed class WorkerRequestValidationTests : IClassFixture<SqliteStorageFixture>
{
    private static readonly TestFunctionDefinition Probe =
        TestFunctionDefinition.For(typeof(RequestProbeFunctions), nameof(RequestProbeFunctions.Post), RequestProbeFunctions.Name, "httpTrigger");

    private static readonly TestFunctionDefinition BankPayment =
        TestFunctionDefinition.For(typeof(SandboxBankFunctions), nameof(SandboxBankFunctions.GetAsync), SandboxBankApi.GetFunction, "httpTrigger");

    private readonly SqliteStorageFixture _storage;

    public WorkerRequestValidationTests(SqliteStorageFixture storage)
    {
        _storage = storage;
    }

    [Fact]
    public async Task ValidRequest_TheFunctionGetsTheBodyWithEnumsReadAsNames()
    {
        var answer = await InvokeAsync("/api/probes/elderly-allowance?limit=5", """{"name":"north","day":"Friday"}""");

        Assert.True(answer.Ran);
        Assert.Equal(new ProbeReading("north", DayOfWeek.Friday), answer.Body);
        Assert.Equal(StatusCodes.Status200OK, answer.Status);
    }

    [Fact]
    public async Task RouteValueBreakingItsRule_Is400NamingTheParameterAndItsRule_AndTheFunctionDoesNotRun()
    {
        var answer = await InvokeAsync("/api/probes/Not_A_Policy!", """{"name":"north","day":"Friday"}""");

        Assert.False(answer.Ran);
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal([AppRouteValues.PolicyId.Description], answer.Errors("policyId"));
        Assert.DoesNotContain("Not_A_Policy", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyNotTheJsonExpected_Is400NamingTheFieldByItsJsonPath()
    {
        var answer = await InvokeAsync("/api/probes/elderly-allowance", """{"name":"north","day":"Someday"}""");

        Assert.False(answer.Ran);
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.NotEmpty(answer.Errors("$.day"));
    }

    [Fact]
    public async Task BodyWithAPropertyTwice_Is400()
    {
        var answer = await InvokeAsync("/api/probes/elderly-allowance", """{"name":"north","name":"south","day":"Friday"}""");

        Assert.False(answer.Ran);
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Contains("appears twice", Assert.Single(answer.Errors("$.name")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyMissing_Is400_AndNotJson_Is415()
    {
        var missing = await InvokeAsync("/api/probes/elderly-allowance", body: null);
        var text = await InvokeAsync("/api/probes/elderly-allowance", "north friday", contentType: "text/plain");

        Assert.False(missing.Ran);
        Assert.Equal(StatusCodes.Status400BadRequest, missing.Status);
        Assert.False(text.Ran);
        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, text.Status);
    }

    [Fact]
    public async Task QueryValueThatDoesNotParse_Is400NamingTheParameter()
    {
        var answer = await InvokeAsync("/api/probes/elderly-allowance?limit=many", """{"name":"north","day":"Friday"}""");

        Assert.False(answer.Ran);
        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Contains("'limit'", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionThrowingRequestValidation_Is400NamingTheFieldAndRule()
    {
        var answer = await InvokeAsync("/api/probes/elderly-allowance", """{"name":"north","day":"Friday"}""",
            function: () => throw new RequestValidationException("name", "must be a compass point the registry knows"));

        Assert.Equal(StatusCodes.Status400BadRequest, answer.Status);
        Assert.Equal(["must be a compass point the registry knows"], answer.Errors("name"));
    }

    [Fact]
    public async Task FunctionFailingOtherwise_FailsTheInvocation()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => InvokeAsync(
            "/api/probes/elderly-allowance", """{"name":"north","day":"Friday"}""", function: () => throw new InvalidOperationException("the store is gone")));

        Assert.Equal("the store is gone", failure.Message);
    }

    [Fact]
    public async Task FunctionWithoutHttp_PassesThrough()
    {
        await using var services = Services(ProbeCatalog());
        var context = new TestFunctionContext(Probe, services, http: null);
        var ran = false;

        await new WorkerRequestValidation().Invoke(context, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }

    [Fact]
    public async Task SandboxBank_KeyBreakingItsRule_IsAnsweredAsTheLocalRuntimeAnswersIt()
    {
        await using var bank = await SandboxBankHost.StartAsync(_storage.Tables);
        const string invalid = "not a key";
        using var local = await bank.Client.GetAsync(new Uri(BankWire.PaymentsPath + "/" + Uri.EscapeDataString(invalid), UriKind.Relative));

        var worker = await InvokeAsync(
            "/api/" + SandboxBankApi.Route + "/" + BankWire.PaymentsPath + "/" + invalid, body: null, method: HttpMethods.Get,
            catalog: AppCatalog(), definition: BankPayment);

        Assert.Equal(StatusCodes.Status400BadRequest, (int)local.StatusCode);
        Assert.False(worker.Ran);
        Assert.Equal((int)local.StatusCode, worker.Status);
        using var localProblem = JsonDocument.Parse(await local.Content.ReadAsStringAsync());
        using var workerProblem = JsonDocument.Parse(worker.Text);
        Assert.Equal(localProblem.RootElement.GetProperty("title").GetString(), workerProblem.RootElement.GetProperty("title").GetString());
        Assert.Equal(localProblem.RootElement.GetProperty("errors").GetRawText(), workerProblem.RootElement.GetProperty("errors").GetRawText());
    }

    [Fact]
    public void EveryHttpFunctionInFunctionsMetadata_HasTheLocalRuntimesChecks()
    {
        var catalog = AppCatalog();
        var http = FunctionsMetadataFile.Read().Where(f => f.TriggerType == "httpTrigger").ToList();

        var checks = http.Select(f => HttpFunctionRequestCheck.For(WorkerAuthorization.FindMethod(f.Definition())!, catalog, "api")).ToList();

        Assert.NotEmpty(http);
        Assert.Equal(http.Count, checks.Count);
        Assert.Contains(checks, c => c.BodyType is not null);
    }

    /// <summary>What the caller got, and what the function saw if it ran.</summary>
    private sealed record Answer(bool Ran, object? Body, int Status, string Text)
    {
        public string[] Errors(string field)
        {
            using var problem = JsonDocument.Parse(Text);
            return problem.RootElement.GetProperty("errors").TryGetProperty(field, out var errors)
                ? [.. errors.EnumerateArray().Select(e => e.GetString()!)]
                : [];
        }
    }

    /// <summary>
    /// One invocation through the middleware, the function standing in as the worker's executor would run it: it binds
    /// its body through the <see cref="IFromBodyConversionFeature"/> the invocation carries, then runs <paramref name="function"/>.
    /// </summary>
    private static async Task<Answer> InvokeAsync(
        string pathAndQuery, string? body, string contentType = "application/json", string method = "POST",
        Action? function = null, FunctionCatalog? catalog = null, TestFunctionDefinition? definition = null)
    {
        await using var services = Services(catalog ?? ProbeCatalog());
        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        http.Request.Method = method;
        http.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        // As Kestrel says: a request can have a body when it declares a length or is chunked.
        http.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(body is not null));
        if (body is not null)
        {
            http.Request.ContentType = contentType;
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        http.Response.Body = new MemoryStream();
        var context = new TestFunctionContext(definition ?? Probe, scope.ServiceProvider, http);
        var ran = false;
        object? bound = null;
        await new WorkerRequestValidation().Invoke(context, async _ =>
        {
            ran = true;
            if (definition is null)
            {
                bound = await context.Features.Get<IFromBodyConversionFeature>()!.ConvertAsync(context, typeof(ProbeReading));
            }

            function?.Invoke();
        });

        http.Response.Body.Position = 0;
        using var reader = new StreamReader(http.Response.Body);
        return new Answer(ran, bound, http.Response.StatusCode, await reader.ReadToEndAsync());
    }

    /// <summary>The app's catalog, as <c>AddWorkerServices</c> builds it.</summary>
    private static FunctionCatalog AppCatalog()
    {
        var functions = new FunctionsBuilder(new ConfigurationBuilder().Build());
        AppFunctions.Declare(functions);
        return new FunctionCatalog(functions.Functions, functions.RouteValues);
    }

    private static FunctionCatalog ProbeCatalog()
    {
        var functions = new FunctionsBuilder(new ConfigurationBuilder().Build());
        functions.RouteValue(AppRouteValues.PolicyId);
        functions.AddFunctionsFrom(typeof(RequestProbeFunctions));
        return new FunctionCatalog(functions.Functions, functions.RouteValues);
    }

    /// <summary>The worker's services the checks use, as <c>Program.cs</c> and <c>AddWorkerServices</c> register them.</summary>
    private static ServiceProvider Services(FunctionCatalog catalog)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProblemDetails();
        services.AddAppJson();
        services.AddSingleton(catalog);
        services.AddSingleton(new FunctionsHostSettings());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody { get; } = canHaveBody;
    }
}
