using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Tests.Policies;

public class BenefitConstraintsTests
{
    private static readonly SubjectId Wife = new("r-0001");
    private static readonly SubjectId Husband = new("r-0002");

    [Fact]
    public void Resolve_CoupleBothEligibleForRentalSubsidy_PaysOneSpouseWhateverTheOrder()
    {
        var wife = new BenefitCandidate(Wife, "employee-rental-subsidy", null, BeneficiaryLimit.OnePerCouple, null, Husband, Money.Parse("500"));
        var husband = wife with { Subject = Husband, Spouse = Wife };
        var first = BenefitConstraints.Resolve([wife, husband]);
        var second = BenefitConstraints.Resolve([husband, wife]);
        Assert.Equal(Wife, Assert.Single(first.Winners).Subject);
        Assert.Equal(first.Winners, second.Winners);
        Assert.Equal("one beneficiary per couple", Assert.Single(first.Excluded).Reason);
    }

    [Fact]
    public void Resolve_ExclusionGroup_KeepsTheHigherAmount()
    {
        var orphan = new BenefitCandidate(Wife, "orphan-basic-living", "basic-living", BeneficiaryLimit.None, "h-1", null, Money.Parse("1800"));
        var dibao = new BenefitCandidate(Wife, "dibao-top-up", "basic-living", BeneficiaryLimit.OnePerHousehold, "h-1", null, Money.Parse("500"));
        var resolution = BenefitConstraints.Resolve([dibao, orphan]);
        Assert.Equal("orphan-basic-living", Assert.Single(resolution.Winners).PolicyId);
    }

    [Fact]
    public void Resolve_OnePerHousehold_OneMemberPaidOthersUnaffected()
    {
        var a = new BenefitCandidate(Husband, "dibao-top-up", null, BeneficiaryLimit.OnePerHousehold, "h-9", null, Money.Parse("1500"));
        var b = a with { Subject = Wife };
        var other = new BenefitCandidate(Husband, "old-age-allowance", null, BeneficiaryLimit.None, "h-9", null, Money.Parse("100"));
        var resolution = BenefitConstraints.Resolve([a, b, other]);
        Assert.Equal(2, resolution.Winners.Count);
        Assert.Contains(resolution.Winners, w => w.PolicyId == "dibao-top-up" && w.Subject == Wife);
    }
}
