using System.Net;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.Tests.Support;

namespace ServerlessGov.Hosting.Tests.Security;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task RoleEndpoint_NoToken_Returns401()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var response = await host.Client.GetAsync("/api/policies/p-1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RoleEndpoint_TokenWithAnotherRole_Returns403()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var response = await SendAsync(host, HttpMethod.Get, "/api/policies/p-1", bearer: host.Tokens.Issue(FunctionRoles.Resident));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData(FunctionRoles.PolicyAuthor)]
    [InlineData(FunctionRoles.Reviewer)]
    public async Task RoleEndpoint_TokenWithAnAdmittedRole_Returns200(string role)
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var response = await SendAsync(host, HttpMethod.Get, "/api/policies/p-1", bearer: host.Tokens.Issue(role));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task RoleEndpoint_TokenSignedWithAnotherKey_Returns401()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);
        var forged = new DevTokenIssuer("some-other-signing-key-0123456789abcdef").Issue(FunctionRoles.PolicyAuthor);

        var response = await SendAsync(host, HttpMethod.Get, "/api/policies/p-1", bearer: forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RoleEndpoint_ExpiredToken_Returns401()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);
        var issuedLongAgo = new DevTokenIssuer(FunctionsTestHost.DevSigningKey, new FixedTime(DateTimeOffset.UtcNow.AddDays(-2)));

        var response = await SendAsync(host, HttpMethod.Get, "/api/policies/p-1", bearer: issuedLongAgo.Issue(FunctionRoles.PolicyAuthor, lifetime: TimeSpan.FromHours(1)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FunctionKeyEndpoint_KeyInHeader_Returns202()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var response = await SendAsync(host, HttpMethod.Post, "/api/system/reindex", functionKey: FunctionsTestHost.FunctionKey);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task FunctionKeyEndpoint_KeyInCodeQuery_Returns202()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var response = await SendAsync(host, HttpMethod.Post, $"/api/system/reindex?code={FunctionsTestHost.FunctionKey}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task FunctionKeyEndpoint_WrongKeyOrBearerToken_Returns401()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare);

        var wrongKey = await SendAsync(host, HttpMethod.Post, "/api/system/reindex", functionKey: "not-the-key-0123456789");
        var token = await SendAsync(host, HttpMethod.Post, "/api/system/reindex", bearer: host.Tokens.Issue(FunctionRoles.Operator));

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }

    [Fact]
    public void DevTokenIssuer_UnknownRole_IsRefused()
    {
        var issuer = new DevTokenIssuer(FunctionsTestHost.DevSigningKey);

        Assert.Throws<ArgumentException>(() => issuer.Issue("admin"));
    }

    [Fact]
    public void FunctionAuthorization_UnknownRole_IsRefusedWhenDeclared()
    {
        Assert.Throws<ArgumentException>(() => FunctionAuthorization.Roles("superuser"));
    }

    private static Task<HttpResponseMessage> SendAsync(FunctionsTestHost host, HttpMethod method, string path, string? bearer = null, string? functionKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        if (functionKey is not null)
        {
            request.Headers.Add("x-functions-key", functionKey);
        }

        return host.Client.SendAsync(request);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
