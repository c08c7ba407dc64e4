using ServerlessGov.Domain.Amounts;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using static ServerlessGov.Domain.Tests.Evaluation.FactBuilder;

namespace ServerlessGov.Domain.Tests.Amounts;

public class AmountTests
{
    private static readonly IReadOnlyList<PolicyDocument> Samples = SamplePolicies.Load(DataDictionary.Default);

    [Fact]
    public void Prorated_EightiethBirthdayOnThe15th_PaysFromThatDay()
    {
        // 17 of 31 March days at ¥100/month = 54.838… → ¥54.84 (half up to the fen).
        var amount = AmountCalculator.Prorated(100m, Rounding.FenHalfUp, new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 15), null);
        Assert.Equal(Money.Parse("54.84"), amount);
    }

    [Fact]
    public void Prorated_DeathOnThe10thOfFebruary_StopsThatDay()
    {
        var amount = AmountCalculator.Prorated(200m, new Rounding(RoundingUnit.Fen, RoundingMode.Down), new BusinessDate(2026, 2, 1), null, new BusinessDate(2026, 2, 10));
        Assert.Equal(Money.Parse("71.42"), amount);
    }

    [Fact]
    public void Prorated_WholeMonthAndNoOverlap_AreFullAndZero()
    {
        Assert.Equal(Money.Parse("100.00"), AmountCalculator.Prorated(100m, Rounding.FenHalfUp, new BusinessDate(2026, 4, 1), new BusinessDate(2020, 1, 1), null));
        Assert.Equal(Money.Zero, AmountCalculator.Prorated(100m, Rounding.FenHalfUp, new BusinessDate(2026, 4, 1), new BusinessDate(2026, 5, 1), null));
    }

    [Fact]
    public void Parameter_ValueChangesOnEffectiveDate_WithItsLegalReference()
    {
        var line = Samples.Single(p => p.Id == "dibao-top-up").Parameters.Single();
        Assert.Equal(1300m, line.On(new BusinessDate(2026, 6, 30))!.Value);
        var july = line.On(new BusinessDate(2026, 7, 1))!;
        Assert.Equal(1350m, july.Value);
        Assert.Contains("2026年7月", july.LegalReference, StringComparison.Ordinal);
        Assert.Null(line.On(new BusinessDate(2025, 12, 31)));
    }

    [Fact]
    public void Tiered_NinetyYearOld_GetsSecondBand()
    {
        var policy = Samples.Single(p => p.Id == "old-age-allowance");
        var context = new EvaluationContext(DataDictionary.Default, new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 31), policy.ParametersOn(new BusinessDate(2026, 3, 1)));
        var (amount, reasons) = AmountCalculator.Compute(policy.Amount, Resident(("birth_date", Date("1936-03-31"), "hukou")), context);
        Assert.Empty(reasons);
        Assert.Equal(Money.Parse("200.00"), amount);
    }

    [Fact]
    public void Formula_UnknownIncome_HasNoAmountAndSaysWhy()
    {
        var policy = Samples.Single(p => p.Id == "dibao-top-up");
        var context = new EvaluationContext(DataDictionary.Default, new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 31), policy.ParametersOn(new BusinessDate(2026, 3, 1)));
        var (amount, reasons) = AmountCalculator.Compute(policy.Amount, Resident(("household.size", RuleValue.Number(2), "hukou")), context);
        Assert.Null(amount);
        Assert.Equal("household.income_per_head", reasons.Single().Subject);
    }

    [Fact]
    public void Formula_NegativeResult_IsNeverPaid()
    {
        var policy = Samples.Single(p => p.Id == "dibao-top-up");
        var context = new EvaluationContext(DataDictionary.Default, new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 1), new BusinessDate(2026, 3, 31), policy.ParametersOn(new BusinessDate(2026, 3, 1)));
        var facts = Resident(("household.size", RuleValue.Number(2), "hukou"), ("household.income_per_head", RuleValue.Number(2000), "civil_affairs"));
        var (amount, reasons) = AmountCalculator.Compute(policy.Amount, facts, context);
        Assert.Null(amount);
        Assert.Equal(UnknownReasonKind.Undefined, reasons.Single().Kind);
    }
}
