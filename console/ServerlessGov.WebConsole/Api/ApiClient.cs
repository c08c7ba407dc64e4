using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;

namespace ServerlessGov.WebConsole.Api;

/// <summary>
/// What every typed client shares: JSON as the API writes it (camelCase, enums as names), the person's token on each
/// call, and a failed answer turned into an <see cref="ApiException"/> carrying the API's problem details.
/// </summary>
public abstract class ApiClient(HttpClient http)
{
    /// <summary>The API's JSON conventions.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The HTTP client, with the token handler, for the few calls that need the raw answer.</summary>
    protected HttpClient Http { get; } = http;

    /// <summary>GET <paramref name="path"/> as <typeparamref name="T"/>.</summary>
    protected Task<T> GetAsync<T>(string path, CancellationToken cancellationToken = default) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    /// <summary>Sends <paramref name="body"/> as JSON and reads the answer as <typeparamref name="T"/>.</summary>
    protected Task<T> SendAsync<T>(HttpMethod method, string path, object? body, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return SendAsync<T>(request, cancellationToken);
    }

    /// <summary>Sends without reading a body from the answer (204 and the like).</summary>
    protected async Task SendAsync(HttpMethod method, string path, object? body = null, string? ifMatch = null, CancellationToken cancellationToken = default) =>
        await SendAsync<JsonElement?>(method, path, body, ifMatch, cancellationToken);

    /// <summary>Builds a query string from the values that are set.</summary>
    protected static string Query(string path, params (string Name, object? Value)[] values)
    {
        var parts = values.Where(v => v.Value is not null && v.Value.ToString() is { Length: > 0 })
            .Select(v => Uri.EscapeDataString(v.Name) + "=" + Uri.EscapeDataString(Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)!));
        var query = string.Join("&", parts);
        return query.Length == 0 ? path : path + "?" + query;
    }

    /// <summary>Escapes one path segment.</summary>
    protected static string Segment(string value) => Uri.EscapeDataString(value);

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await Http.SendAsync(request, cancellationToken);
            }
            catch (AccessTokenNotAvailableException ex)
            {
                ex.Redirect();
                throw new ApiException(System.Net.HttpStatusCode.Unauthorized, new ApiProblem { Title = "Sign in first." });
            }
            catch (HttpRequestException ex)
            {
                // No answer at all (the connection failed or was dropped): pages show ApiExceptions, so say it as one
                // rather than let the click end in nothing visible.
                throw new ApiException("无法连接应用 / The app could not be reached.", ex);
            }

            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    ApiProblem? problem = null;
                    if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
                    {
                        problem = await response.Content.ReadFromJsonAsync<ApiProblem>(Json, cancellationToken);
                    }

                    throw new ApiException(response.StatusCode, problem ?? new ApiProblem { Title = response.ReasonPhrase, Status = (int)response.StatusCode });
                }

                if (response.Content.Headers.ContentLength == 0 || response.StatusCode == System.Net.HttpStatusCode.NoContent)
                {
                    return default!;
                }

                return (await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken))!;
            }
        }
    }
}
