using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Hosting.Security;
using ServerlessGov.Hosting.TestApp;
using ServerlessGov.Hosting.Tests.Support;

namespace ServerlessGov.Hosting.Tests.Security;

/// <summary>Walks every endpoint a host maps: each must require a credential unless it was explicitly marked public.</summary>
public sealed class EndpointAuditTests
{
    [Fact]
    public async Task EveryEndpoint_OfTheSampleAndTestApps_IsProtectedOrExplicitlyPublic()
    {
        await using var sample = await FunctionsTestHost.StartAsync(SampleApi.Declare);
        await using var testApp = await FunctionsTestHost.StartAsync(TestFunctions.Declare);

        foreach (var host in new[] { sample, testApp })
        {
            Assert.Empty(EndpointAudit.FindUnprotected(host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()));
            await AssertAnonymousCallsAreRefusedAsync(host);
        }
    }

    [Fact]
    public async Task EndpointAudit_EndpointMappedOutsideTheCatalog_IsReported()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare, map: app => app.MapGet("/api/leak", () => "data"));

        var open = EndpointAudit.FindUnprotected(host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>());

        Assert.Equal(["GET /api/leak"], open);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync("/api/leak")).StatusCode);
    }

    [Fact]
    public async Task EndpointAudit_AnonymousWithoutPublicMarker_IsReported()
    {
        await using var host = await FunctionsTestHost.StartAsync(SampleApi.Declare, map: app => app.MapGet("/api/sneaky", () => "data").AllowAnonymous());

        var open = EndpointAudit.FindUnprotected(host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>());

        Assert.Equal(["GET /api/sneaky"], open);
    }

    /// <summary>Calls each endpoint without credentials (route values filled in): only the public ones may answer anything but 401.</summary>
    private static async Task AssertAnonymousCallsAreRefusedAsync(FunctionsTestHost host)
    {
        var endpoints = host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var isPublic = endpoint.Metadata.GetMetadata<PublicEndpointMetadata>() is not null;
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is [var first, ..] ? first : "GET";
            var path = "/" + string.Join('/', endpoint.RoutePattern.PathSegments.Select(segment =>
                string.Concat(segment.Parts.Select(part => part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                    _ => "x",
                }))));
            using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method is "POST" or "PUT" or "PATCH" ? JsonContent.Create(new { }) : null };
            using var response = await host.Client.SendAsync(request);
            if (isPublic)
            {
                Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} answered {(int)response.StatusCode} without credentials");
            }
        }
    }
}
