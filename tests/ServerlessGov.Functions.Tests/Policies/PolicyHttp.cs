using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServerlessGov.Functions.Tests.Policies;

/// <summary>The calls the tests make, each returning the response and its JSON body.</summary>
internal static class PolicyHttp
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(this HttpClient client, HttpMethod method, string path, JsonNode? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response, json);
    }

    /// <summary>Creates a draft and returns its ETag, failing the test unless it is 201.</summary>
    public static async Task<string> CreateDraftAsync(this HttpClient client, JsonNode document)
    {
        var (response, body) = await client.SendAsync(HttpMethod.Post, "/api/policies/drafts", document);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return response.Headers.ETag!.ToString();
    }

    /// <summary>Publishes the draft and returns the version, failing the test unless it is 201.</summary>
    public static async Task<JsonElement> PublishAsync(this HttpClient client, string policyId, string etag)
    {
        var (response, body) = await client.SendAsync(HttpMethod.Post, $"/api/policies/{policyId}/publish", ifMatch: etag);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body;
    }
}
