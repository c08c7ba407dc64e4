using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ServerlessGov.Functions.Operations;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.SandboxBank;
using ServerlessGov.Functions.Worker;
using ServerlessGov.Hosting.Catalog;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Testing.Apps;

namespace ServerlessGov.Functions.Tests.Worker;

/// <summary>
/// The isolated worker's caller check on the app's own functions, with real tokens signed by the development key and
/// the JWT bearer handler configured as the local runtime configures it: who gets through, and what the others are
/// answered (status, <c>WWW-Authenticate</c>, problem details).
/// </summary>
public sealed class WorkerAuthorizationTests
{
    private static readonly TestFunctionDefinition Dashboard =
        TestFunctionDefinition.For(typeof(OperationsFunctions), nameof(OperationsFunctions.GetAsync), "GetOperationsDashboard", "httpTrigger");

    private static readonly TestFunctionDefinition BankCallback =
        TestFunctionDefinition.For(typeof(PayoutCallbackFunctions), nameof(PayoutCallbackFunctions.ReceiveAsync), "PayoutBankCallback", "httpTrigger");

    private static readonly TestFunctionDefinition SandboxSubmit =
        TestFunctionDefinition.For(typeof(SandboxBankFunctions), nameof(SandboxBankFunctions.SubmitAsync), SandboxBankApi.SubmitFunction, "httpTrigger");

    private static readonly TestFunctionDefinition DashboardRefresh =
        TestFunctionDefinition.For(typeof(OperationsFunctions), nameof(OperationsFunctions.RefreshAsync), "RefreshOperationsDashboard", "timerTrigger");

    private static readonly TestFunctionDefinition Undeclared =
        TestFunctionDefinition.For(typeof(UndeclaredCallersFunctions), nameof(UndeclaredCallersFunctions.Undeclared), "Undeclared", "httpTrigger");

    private readonly DevTokenIssuer _issuer = new(FunctionApp.DevSigningKey);

    [Theory]
    [InlineData(FunctionRoles.Operator)]
    [InlineData(FunctionRoles.Auditor)]
    public async Task RoleFunction_TokenWithAnAdmittedRole_RunsWithTheTokensPrincipalAsTheUser(string role)
    {
        var outcome = await InvokeAsync(Dashboard, _issuer.Issue(role, subject: "ops-7"));

        Assert.True(outcome.Ran);
        Assert.Equal(StatusCodes.Status200OK, outcome.Status);
        Assert.Equal("ops-7", outcome.User.Identity?.Name);
        Assert.True(outcome.User.IsInRole(role));
        Assert.Equal(string.Empty, outcome.Body);
    }

    [Fact]
    public async Task RoleFunction_NoToken_Is401WithABearerChallengeAndProblemDetails()
    {
        var outcome = await InvokeAsync(Dashboard, bearer: null);

        Assert.False(outcome.Ran);
        Assert.Equal(StatusCodes.Status401Unauthorized, outcome.Status);
        Assert.Equal("Bearer", outcome.WwwAuthenticate);
        AssertProblem(outcome, StatusCodes.Status401Unauthorized, "Unauthorized");
        Assert.False(outcome.User.Identity?.IsAuthenticated ?? false);
    }

    [Fact]
    public async Task RoleFunction_ExpiredToken_Is401NamingTheExpiry()
    {
        var issuedLongAgo = new DevTokenIssuer(FunctionApp.DevSigningKey, new FixedTime(DateTimeOffset.UtcNow.AddDays(-2)));

        var outcome = await InvokeAsync(Dashboard, issuedLongAgo.Issue(FunctionRoles.Operator, lifetime: TimeSpan.FromHours(1)));

        Assert.False(outcome.Ran);
        Assert.Equal(StatusCodes.Status401Unauthorized, outcome.Status);
        Assert.StartsWith("Bearer error=\"invalid_token\", error_description=\"The token expired at", outcome.WwwAuthenticate, StringComparison.Ordinal);
        AssertProblem(outcome, StatusCodes.Status401Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task RoleFunction_TokenForAnotherAudience_Is401()
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = DevTokenIssuer.Issuer,
            Audience = "another-api",
            Claims = new Dictionary<string, object> { ["sub"] = "ops-7", [FunctionsAuthentication.RoleClaimType] = FunctionRoles.Operator },
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(FunctionApp.DevSigningKey)), SecurityAlgorithms.HmacSha256),
        });

        var outcome = await InvokeAsync(Dashboard, token);

        Assert.False(outcome.Ran);
        Assert.Equal(StatusCodes.Status401Unauthorized, outcome.Status);
        // The handler names the audience when the validator reports it; the kind of failure is what matters.
        Assert.StartsWith("Bearer error=\"invalid_token\", error_description=\"The audience '", outcome.WwwAuthenticate, StringComparison.Ordinal);
        AssertProblem(outcome, StatusCodes.Status401Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task RoleFunction_TokenSignedWithAnotherKey_Is401()
    {
        var forged = new DevTokenIssuer("some-other-signing-key-0123456789abcdef").Issue(FunctionRoles.Operator);

        var outcome = await InvokeAsync(Dashboard, forged);

        Assert.False(outcome.Ran);
        Assert.Equal(StatusCodes.Status401Unauthorized, outcome.Status);
        Assert.Equal("Bearer error=\"invalid_token\", error_description=\"The signature key was not found\"", outcome.WwwAuthenticate);
        AssertProblem(outcome, StatusCodes.Status401Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task RoleFunction_TokenWithoutAnAdmittedRole_Is403()
    {
        var outcome = await InvokeAsync(Dashboard, _issuer.Issue(FunctionRoles.Resident));

        Assert.False(outcome.Ran);
        Assert.Equal(StatusCodes.Status403Forbidden, outcome.Status);
        Assert.Null(outcome.WwwAuthenticate);
        AssertProblem(outcome, StatusCodes.Status403Forbidden, "Forbidden");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    public async Task PublicFunction_AnyCaller_Runs(string? bearer)
    {
        var outcome = await InvokeAsync(BankCallback, bearer);

        Assert.True(outcome.Ran);
        Assert.Equal(StatusCodes.Status200OK, outcome.Status);
    }

    [Fact]
    public async Task FunctionKeyFunction_TheHostCheckedTheKey_Runs()
    {
        var outcome = await InvokeAsync(SandboxSubmit, bearer: null);

        Assert.True(outcome.Ran);
        Assert.Equal(StatusCodes.Status200OK, outcome.Status);
    }

    [Fact]
    public async Task TimerFunction_NoRequest_PassesThrough()
    {
        await using var services = Services();
        var ran = false;

        await new WorkerAuthorization(new FakeLogger<WorkerAuthorization>()).Invoke(new TestFunctionContext(DashboardRefresh, services, http: null), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
    }

    [Fact]
    public async Task AnonymousFunctionWithoutCallers_EvenWithAValidToken_Is500AndLogsTheFunction()
    {
        var logger = new FakeLogger<WorkerAuthorization>();

        var outcome = await InvokeAsync(Undeclared, _issuer.Issue(FunctionRoles.Operator), logger);

        Assert.False(outcome.Ran);
        Assert.Equal(StatusCodes.Status500InternalServerError, outcome.Status);
        AssertProblem(outcome, StatusCodes.Status500InternalServerError, "An error occurred while processing your request.");
        var log = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, log.Level);
        Assert.Equal(1300, log.Id.Id);
        Assert.Contains("'Undeclared'", log.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(UndeclaredCallersFunctions).FullName!, log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntryPointNotFound_Is500()
    {
        var missing = new TestFunctionDefinition("GetOperationsDashboard", typeof(OperationsFunctions).FullName + ".NoSuchMethod", typeof(OperationsFunctions).Assembly.Location, "httpTrigger");

        var outcome = await InvokeAsync(missing, _issuer.Issue(FunctionRoles.Operator));

        Assert.False(outcome.Ran);
        Assert.Equal(StatusCodes.Status500InternalServerError, outcome.Status);
    }

    [Fact]
    public void WorkerAndLocalRuntime_EveryFunctionInFunctionsMetadata_AdmitTheSameCallers()
    {
        var configuration = new ConfigurationBuilder().Build();
        var local = new FunctionsBuilder(configuration).AddFunctionsFrom(typeof(AppFunctions).Assembly).Functions
            .ToDictionary(f => f.Name, f => f is HttpFunctionDefinition http ? http.Authorization.ToString() : "not HTTP", StringComparer.Ordinal);

        var worker = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in FunctionsMetadataFile.Read().Select(f => f.Definition()))
        {
            var callers = WorkerAuthorization.Classify(definition);
            worker[definition.Name] = !callers.IsHttp ? "not HTTP" : callers.Authorization?.ToString() ?? "refused";
        }

        Assert.Contains(worker.Values, v => v.StartsWith("roles: ", StringComparison.Ordinal));
        Assert.Contains("public", worker.Values);
        Assert.Contains("function key", worker.Values);
        Assert.Equal(local.OrderBy(f => f.Key, StringComparer.Ordinal), worker.OrderBy(f => f.Key, StringComparer.Ordinal));
    }

    [Fact]
    public async Task WorkerAndLocalRuntime_RefusedCallers_GetTheSameAnswers()
    {
        await using var app = await FunctionApp.StartAsync();
        var forged = new DevTokenIssuer("some-other-signing-key-0123456789abcdef").Issue(FunctionRoles.Operator);

        foreach (var bearer in new[] { null, forged, _issuer.Issue(FunctionRoles.Resident) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/operations/dashboard", UriKind.Relative));
            if (bearer is not null)
            {
                request.Headers.Authorization = new("Bearer", bearer);
            }

            using var local = await app.Client.SendAsync(request);
            var worker = await InvokeAsync(Dashboard, bearer);

            Assert.Equal((int)local.StatusCode, worker.Status);
            Assert.Equal(local.Headers.WwwAuthenticate.ToString() is { Length: > 0 } challenge ? challenge : null, worker.WwwAuthenticate);
            Assert.Equal(local.Content.Headers.ContentType?.MediaType, worker.ContentType);
            using var localProblem = JsonDocument.Parse(await local.Content.ReadAsStringAsync());
            using var workerProblem = JsonDocument.Parse(worker.Body);
            Assert.Equal(Without(localProblem, "traceId"), Without(workerProblem, "traceId"));
        }
    }

    /// <summary>What the middleware did with one request.</summary>
    private sealed record Outcome(bool Ran, int Status, string? WwwAuthenticate, string? ContentType, string Body, ClaimsPrincipal User);

    private static async Task<Outcome> InvokeAsync(TestFunctionDefinition function, string? bearer, FakeLogger<WorkerAuthorization>? logger = null)
    {
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = HttpMethods.Get;
        http.Response.Body = new MemoryStream();
        if (bearer is not null)
        {
            http.Request.Headers.Authorization = "Bearer " + bearer;
        }

        var ran = false;
        await new WorkerAuthorization(logger ?? new FakeLogger<WorkerAuthorization>()).Invoke(new TestFunctionContext(function, scope.ServiceProvider, http), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        http.Response.Body.Position = 0;
        using var reader = new StreamReader(http.Response.Body);
        var challenge = http.Response.Headers.WWWAuthenticate.ToString();
        return new(ran, http.Response.StatusCode, challenge.Length > 0 ? challenge : null, http.Response.ContentType, await reader.ReadToEndAsync(), http.User);
    }

    /// <summary>The worker's services for the check, as <c>Program.cs</c> registers them, with the app's development key.</summary>
    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:DevSigningKey"] = FunctionApp.DevSigningKey })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddProblemDetails();
        services.AddBearerTokenAuthentication(configuration, new HostingEnvironment { EnvironmentName = Environments.Development });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static void AssertProblem(Outcome outcome, int status, string title)
    {
        Assert.Equal("application/problem+json", outcome.ContentType);
        using var problem = JsonDocument.Parse(outcome.Body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(title, problem.RootElement.GetProperty("title").GetString());
        Assert.StartsWith("https://tools.ietf.org/html/rfc9110#section-15.", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    private static string Without(JsonDocument document, string property) =>
        string.Join(",", document.RootElement.EnumerateObject().Where(p => p.Name != property).Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
