using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Enterprises.Digests;
using ServerlessGov.Functions.Tests.Reviews;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>
/// The weekly digest, run by two hosts on one store for the same occurrence: each enterprise with open matches
/// gets one digest of its unacknowledged matches at the receiver, and a second run of the week sends nothing.
/// </summary>
public sealed class WeeklyDigestTests
{
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Digest_RunByTwoHostsForTheSameWeek_SendsEachEnterpriseOneDigestOfItsOpenMatches()
    {
        await using var first = await EnterpriseTestHost.StartAsync();
        await using var second = await EnterpriseTestHost.StartBesideAsync(first);
        var busy = Notifications.NewEnterpriseId();
        var quiet = Notifications.NewEnterpriseId();
        var open = Notifications.Match(busy, policyId: "job-retention-refund");
        var read = Notifications.Match(busy, policyId: "high-tech-certification-reward");
        var other = Notifications.Match(quiet, policyId: "job-expansion-subsidy");
        foreach (var message in new[] { open, read, other })
        {
            await first.QueueAsync(message);
        }

        await Eventually.AssertAsync(async () => (await Task.WhenAll(new[] { open, read, other }.Select(m => first.Deliveries.GetAsync(Notifications.EventId(m)))))
            .All(d => d?.State == DeliveryState.Delivered), "the three matches delivered");
        using (var enterprise = first.ClientAs(FunctionRoles.Enterprise, busy))
        using (var acknowledged = await enterprise.PostAsync(new Uri($"/api/enterprises/{busy}/notifications/{Notifications.EventId(read)}/acknowledge", UriKind.Relative), null))
        {
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        }

        var week = WeeklyDigestScheduler.WeekOf(MondayMorning);
        await Task.WhenAll(
            first.Services.GetRequiredService<WeeklyDigestScheduler>().RunAsync(MondayMorning),
            second.Services.GetRequiredService<WeeklyDigestScheduler>().RunAsync(MondayMorning));

        var busyDigest = WeeklyDigestScheduler.EventIdFor(busy, week);
        var quietDigest = WeeklyDigestScheduler.EventIdFor(quiet, week);
        await Eventually.AssertAsync(async () => (await first.Deliveries.GetAsync(busyDigest))?.State == DeliveryState.Delivered
            && (await first.Deliveries.GetAsync(quietDigest))?.State == DeliveryState.Delivered, "both digests delivered", TimeSpan.FromSeconds(30));
        await Eventually.AssertAsync(async () => await first.PendingMessagesAsync(WeeklyDigestRequest.QueueName) == 0, "every digest message handled");
        Assert.Equal(1, (await first.Deliveries.GetAsync(busyDigest))!.ReceivedCount);
        Assert.Equal(1, (await first.Deliveries.GetAsync(quietDigest))!.ReceivedCount);
        Assert.Equal("2026-W48", week);

        var again = await second.Services.GetRequiredService<WeeklyDigestScheduler>().RunAsync(MondayMorning.AddHours(2));

        Assert.Equal(0, again);
        Assert.Empty(await first.PoisonAsync(WeeklyDigestRequest.QueueName));
    }

    [Fact]
    public async Task Digest_OfAnEnterprise_ListsOnlyItsUnacknowledgedMatches()
    {
        await using var host = await EnterpriseTestHost.StartAsync();
        await using var webhook = await RecordingWebhook.StartAsync();
        var enterpriseId = Notifications.NewEnterpriseId();
        using var enterprise = host.ClientAs(FunctionRoles.Enterprise, enterpriseId);
        using (var registered = await enterprise.PutAsync(new Uri($"/api/enterprises/{enterpriseId}/webhook", UriKind.Relative),
            new StringContent($$"""{"url":"{{webhook.Url}}"}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        var open = Notifications.Match(enterpriseId, policyId: "job-retention-refund");
        var read = Notifications.Match(enterpriseId, policyId: "high-tech-certification-reward");
        await host.QueueAsync(open);
        await host.QueueAsync(read);
        await Eventually.AssertAsync(() => Task.FromResult(webhook.Arrivals.Count == 2), "both matches at the webhook");
        (await enterprise.PostAsync(new Uri($"/api/enterprises/{enterpriseId}/notifications/{Notifications.EventId(read)}/acknowledge", UriKind.Relative), null)).Dispose();

        await host.Services.GetRequiredService<WeeklyDigestScheduler>().RunAsync(MondayMorning);

        await Eventually.AssertAsync(() => Task.FromResult(webhook.Arrivals.Any(a => a.Type == EnterpriseEventTypes.WeeklyDigest)), "the digest at the webhook");
        var digest = webhook.Arrivals.Single(a => a.Type == EnterpriseEventTypes.WeeklyDigest);
        Assert.Equal(WeeklyDigestScheduler.EventIdFor(enterpriseId, "2026-W48"), digest.Id);
        Assert.Equal("2026-W48", digest.Data.GetProperty("week").GetString());
        var item = Assert.Single(digest.Data.GetProperty("openMatches").EnumerateArray());
        Assert.Equal(Notifications.EventId(open), item.GetProperty("eventId").GetString());
        Assert.Equal("likely-eligible", item.GetProperty("outcome").GetString());
        Assert.Equal("insured-headcount-unchanged", Assert.Single(item.GetProperty("factsToConfirm").EnumerateArray()).GetString());
    }
}
