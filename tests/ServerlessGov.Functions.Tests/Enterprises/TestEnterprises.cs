using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Tests.Enterprises;

/// <summary>Sample enterprises for the matching tests, by what the three sample enterprise policies make of them.</summary>
internal static class TestEnterprises
{
    /// <summary>
    /// Eligible for the job-retention refund (¥6,000 on ¥10,000 of premiums), likely eligible for the high-tech reward
    /// (no certification date from the science bureau), not eligible for the job-expansion subsidy (no graduates).
    /// </summary>
    public static (string Fact, string Source, RuleValue Value)[] RetainingStaff(decimal layoffRate = 2.5m) =>
    [
        ("enterprise.district", "samr", RuleValue.Text("余杭区")),
        ("enterprise.industry_code", "samr", RuleValue.Text("I6510")),
        ("enterprise.size", "samr", RuleValue.Text("small")),
        ("enterprise.tax_credit_rating", "tax", RuleValue.Text("A")),
        ("enterprise.tags", "samr", RuleValue.Set(["高新", "专精特新"])),
        ("enterprise.serious_violation", "samr", RuleValue.Bool(false)),
        ("enterprise.insured_months", "hrss", RuleValue.Number(24)),
        ("enterprise.layoff_rate", "hrss", RuleValue.Number(layoffRate)),
        ("enterprise.unemployment_premiums_last_year", "hrss", RuleValue.Number(10000m)),
        ("enterprise.graduates_hired_insured", "hrss", RuleValue.Number(0)),
    ];

    public static string NewId() => "e-test" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A valid unified social credit code (GB 32100 check character) registered in 余杭区.</summary>
    public static string NewCreditCode()
    {
        var body = "91330110MA" + string.Concat(Enumerable.Range(0, 7).Select(_ => UnifiedSocialCreditCode.Charset[Random.Shared.Next(10)]));
        return body + UnifiedSocialCreditCode.CheckCharacter(body);
    }
}
