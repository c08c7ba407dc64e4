using System.Net;
using System.Text.Json;
using ServerlessGov.Hosting.Security;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>一企一档 over real HTTP: facts with provenance, the credit code masked, and each enterprise policy decided three ways.</summary>
public sealed class EnterpriseProfileTests : IAsyncLifetime
{
    private RecordingWebhook _topic = null!;
    private EnterpriseAppHost _app = null!;

    public async Task InitializeAsync()
    {
        _topic = await RecordingWebhook.StartAsync();
        _app = await EnterpriseAppHost.StartAsync(_topic.Url);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _topic.DisposeAsync();
    }

    [Fact]
    public async Task Profile_OwnEnterprise_ShowsMaskedCodeProvenanceAndEligibleLikelyAndNotEligible()
    {
        var enterpriseId = TestEnterprises.NewId();
        var creditCode = TestEnterprises.NewCreditCode();
        await _app.ImportEnterpriseAsync(enterpriseId, creditCode, TestEnterprises.RetainingStaff());
        await _app.PublishSamplesAsync();
        using var enterprise = _app.ClientAs(FunctionRoles.Enterprise, enterpriseId);

        using var response = await enterprise.GetAsync(new Uri($"/api/enterprises/{enterpriseId}/profile", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(creditCode, text, StringComparison.Ordinal);
        var profile = JsonDocument.Parse(text).RootElement;
        Assert.Equal(creditCode[..4] + "**********" + creditCode[14..], profile.GetProperty("creditCode").GetString());
        var district = profile.GetProperty("district");
        Assert.Equal("余杭区", district.GetProperty("value").GetString());
        Assert.Equal("samr", district.GetProperty("source").GetString());
        Assert.Equal("市场监管", district.GetProperty("sourceName").GetProperty("zh").GetString());
        Assert.Equal("usable", district.GetProperty("status").GetString());
        Assert.True(district.TryGetProperty("asOf", out _));
        Assert.Equal("I6510", profile.GetProperty("industry").GetProperty("value").GetString());
        Assert.Equal("A", profile.GetProperty("taxCreditRating").GetProperty("value").GetString());
        Assert.Equal("tax", profile.GetProperty("taxCreditRating").GetProperty("source").GetString());
        Assert.Contains("专精特新", profile.GetProperty("tags").GetProperty("value").GetString(), StringComparison.Ordinal);

        var matches = profile.GetProperty("matches").EnumerateArray().ToDictionary(m => m.GetProperty("policyId").GetString()!);
        Assert.Equal("Eligible", matches["job-retention-refund"].GetProperty("eligibility").GetString());
        Assert.Equal(6000m, matches["job-retention-refund"].GetProperty("amountYuan").GetDecimal());
        var likely = matches["high-tech-certification-reward"];
        Assert.Equal("LikelyEligible", likely.GetProperty("eligibility").GetString());
        var confirm = Assert.Single(likely.GetProperty("factsToConfirm").EnumerateArray());
        Assert.Equal("enterprise.high_tech_certified_on", confirm.GetProperty("fact").GetString());
        Assert.Equal("missing", confirm.GetProperty("reason").GetString());
        Assert.Equal("science", Assert.Single(confirm.GetProperty("authoritativeSources").EnumerateArray()).GetString());
        Assert.Equal("NotEligible", matches["job-expansion-subsidy"].GetProperty("eligibility").GetString());
        Assert.Equal(3, matches.Count);
    }

    [Fact]
    public async Task Profile_AnotherEnterprise_IsForbiddenButAnOperatorMayReadIt()
    {
        var enterpriseId = TestEnterprises.NewId();
        await _app.ImportEnterpriseAsync(enterpriseId, TestEnterprises.NewCreditCode(), TestEnterprises.RetainingStaff());
        using var other = _app.ClientAs(FunctionRoles.Enterprise, TestEnterprises.NewId());
        using var operatorClient = _app.ClientAs(FunctionRoles.Operator, "op-1");

        using var forbidden = await other.GetAsync(new Uri($"/api/enterprises/{enterpriseId}/profile", UriKind.Relative));
        using var allowed = await operatorClient.GetAsync(new Uri($"/api/enterprises/{enterpriseId}/profile", UriKind.Relative));
        using var unknown = await operatorClient.GetAsync(new Uri($"/api/enterprises/{TestEnterprises.NewId()}/profile", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
