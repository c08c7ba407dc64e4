using System.Net;
using System.Net.Http.Json;
using ServerlessGov.Functions.Tests.Reviews;
using ServerlessGov.Functions.Tests.Support;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>
/// The per-endpoint rate limit spaces every attempt to one webhook, the retries of failed ones included. It runs on
/// its own, after the parallel tests: the receiver's arrival times are read in this process, and a thread pool
/// crowded by other tests would bunch them however the sender spaced its sends.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class RateLimitTests
{
    private const int PerSecond = 4;

    [Fact]
    public async Task Webhook_SixNotificationsWhoseFirstAttemptsFail_NeverGetMoreThanTheLimitInAnySecond()
    {
        await using var host = await EnterpriseTestHost.StartAsync(settings: new Dictionary<string, string>
        {
            ["Enterprises:EventGrid:MaxEventsPerSecondPerEndpoint"] = PerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await using var webhook = await RecordingWebhook.StartAsync();
        webhook.FailFirstAttempts = 1;
        var enterpriseId = Notifications.NewEnterpriseId();
        using (var enterprise = host.ClientAs(FunctionRoles.Enterprise, enterpriseId))
        using (var registered = await enterprise.PutAsJsonAsync(new Uri($"/api/enterprises/{enterpriseId}/webhook", UriKind.Relative), new { url = webhook.Url }))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        var messages = Enumerable.Range(1, 6).Select(i => Notifications.Match(enterpriseId, policyId: $"policy-{i}")).ToList();
        await Task.WhenAll(messages.Select(host.QueueAsync));

        await Eventually.AssertAsync(() => Task.FromResult(messages.All(m => webhook.DeliveredCount(Notifications.EventId(m)) == 1)), "every notification delivered on its second attempt", TimeSpan.FromSeconds(30));
        var arrivals = webhook.Arrivals.OrderBy(a => a.At).ToList();
        Assert.Equal(12, arrivals.Count);
        for (var i = 0; i + PerSecond < arrivals.Count; i++)
        {
            var window = arrivals[i + PerSecond].At - arrivals[i].At;
            Assert.True(window >= TimeSpan.FromMilliseconds(900), $"arrivals {i}..{i + PerSecond} came within {window.TotalMilliseconds} ms: more than {PerSecond} a second");
        }
    }
}
