using System.Net;
using ServerlessGov.Functions.Enterprises;
using ServerlessGov.Functions.Tests.Reviews;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>An opt-out, of a category or of everything, holds for the next notification sent; other categories still go out.</summary>
public sealed class OptOutTests : IAsyncLifetime
{
    private EnterpriseTestHost _host = null!;

    public async Task InitializeAsync() => _host = await EnterpriseTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task OptOut_OfACategory_WithholdsThatCategoryOnly()
    {
        var enterpriseId = Notifications.NewEnterpriseId();
        using var enterprise = _host.ClientAs(FunctionRoles.Enterprise, enterpriseId);
        using var optedOut = await enterprise.PutAsync(new Uri($"/api/enterprises/{enterpriseId}/opt-outs/subsidies", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NoContent, optedOut.StatusCode);
        var subsidy = Notifications.Match(enterpriseId, policyId: "job-retention-refund", category: "subsidies");
        var taxRelief = Notifications.Match(enterpriseId, policyId: "small-business-vat-relief", category: "tax-relief");

        await _host.QueueAsync(subsidy);
        await _host.QueueAsync(taxRelief);

        await Eventually.AssertAsync(async () => (await _host.Deliveries.GetAsync(Notifications.EventId(taxRelief)))?.State == DeliveryState.Delivered, "the tax-relief notification delivered");
        await Eventually.AssertAsync(async () => await _host.PendingMessagesAsync() == 0, "both messages handled");
        var withheld = (await _host.Deliveries.GetAsync(Notifications.EventId(subsidy)))!;
        Assert.Equal(DeliveryState.Withheld, withheld.State);
        Assert.Equal(0, withheld.ReceivedCount);
        Assert.Contains("subsidies", withheld.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptOut_OfEverythingThenBackIn_WithholdsThenSendsTheSameMatch()
    {
        var enterpriseId = Notifications.NewEnterpriseId();
        using var enterprise = _host.ClientAs(FunctionRoles.Enterprise, enterpriseId);
        (await enterprise.PutAsync(new Uri($"/api/enterprises/{enterpriseId}/opt-outs/all", UriKind.Relative), null)).Dispose();
        var message = Notifications.Match(enterpriseId);
        var eventId = Notifications.EventId(message);

        await _host.QueueAsync(message);
        await Eventually.AssertAsync(async () => (await _host.Deliveries.GetAsync(eventId))?.State == DeliveryState.Withheld, "the notification withheld");
        (await enterprise.DeleteAsync(new Uri($"/api/enterprises/{enterpriseId}/opt-outs/all", UriKind.Relative))).Dispose();
        await _host.QueueAsync(message);

        await Eventually.AssertAsync(async () => (await _host.Deliveries.GetAsync(eventId))?.State == DeliveryState.Delivered, "the notification delivered after opting back in");
        Assert.Equal(1, (await _host.Deliveries.GetAsync(eventId))!.ReceivedCount);
    }

    [Fact]
    public async Task OptOut_ForAnotherEnterprise_IsForbidden()
    {
        using var enterprise = _host.ClientAs(FunctionRoles.Enterprise, Notifications.NewEnterpriseId());

        using var response = await enterprise.PutAsync(new Uri($"/api/enterprises/{Notifications.NewEnterpriseId()}/opt-outs/all", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
