using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Functions.Payouts.BankProtocol;

namespace ServerlessGov.Benchmarks.Cases;

/// <summary>
/// When the bank received a case's payment instruction, asked through the bank's own API (<c>GET payments/{key}</c>):
/// the receipt time does not depend on when the case's orchestration next looked at its payout.
/// </summary>
internal sealed class BankReceipts : IDisposable
{
    private readonly HttpClient _http;
    private readonly PayoutKeySigner _keys;
    private readonly AppRelativeUrls _urls;
    private readonly Uri _bank;

    public BankReceipts(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        _http = new HttpClient();
        _http.DefaultRequestHeaders.Add(BankWire.ClientKeyHeader, configuration["Payments:ClientKey"]);
        _keys = services.GetRequiredService<PayoutKeySigner>();
        _urls = services.GetRequiredService<AppRelativeUrls>();
        _bank = new Uri(configuration["Payments:BankBaseUrl"]!, UriKind.RelativeOrAbsolute);
    }

    /// <summary>The bank's receipt time of the first payment of case <c>case|{policy}|{subject}|{period}</c>, or null when it has none.</summary>
    public async Task<DateTimeOffset?> ReceivedAtAsync(string caseInstanceId)
    {
        var parts = caseInstanceId.Split('|');
        var key = new PayoutKey(parts[1], new SubjectId(parts[2]), parts[3]);
        using var response = await _http.GetAsync(new Uri(await _urls.ResolveAsync(_bank), "payments/" + _keys.IdempotencyKeyFor(key)));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("receivedAt").GetDateTimeOffset();
    }

    public void Dispose() => _http.Dispose();
}
