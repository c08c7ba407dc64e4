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

    [Fact]
    public void Resolve_OrphanLivingAlone_TheHigherBenefitWinsWhateverTheOrder()
    {
        var orphan = new BenefitCandidate(Wife, "orphan-basic-living", "basic-living", BeneficiaryLimit.None, "h-1", null, Money.Parse("1800"));
        var dibao = new BenefitCandidate(Wife, "dibao-top-up", "basic-living", BeneficiaryLimit.OnePerHousehold, "h-1", null, Money.Parse("350"));

        foreach (var order in new[] { new[] { orphan, dibao }, [dibao, orphan] })
        {
            var resolution = BenefitConstraints.Resolve(order);
            Assert.Equal(orphan, Assert.Single(resolution.Winners));
            Assert.Equal(dibao, Assert.Single(resolution.Excluded).Candidate);
        }
    }

    [Fact]
    public void Resolve_EqualAmountsInAGroup_SmallestPolicyIdWins()
    {
        var orphan = new BenefitCandidate(Wife, "orphan-basic-living", "basic-living", BeneficiaryLimit.None, null, null, Money.Parse("900"));
        var dibao = orphan with { PolicyId = "dibao-top-up" };

        Assert.Equal("dibao-top-up", Assert.Single(BenefitConstraints.Resolve([orphan, dibao]).Winners).PolicyId);
    }

    [Fact]
    public void Resolve_SubjectsBestBenefitGoesToAnotherMember_SubjectKeepsItsNextBest()
    {
        // The household's 低保 top-up (¥2,000) goes to the parent (smaller id); the orphan keeps the orphans' allowance.
        var parent = new SubjectId("r-0000");
        var parentsDibao = new BenefitCandidate(parent, "dibao-top-up", "basic-living", BeneficiaryLimit.OnePerHousehold, "h-1", null, Money.Parse("2000"));
        var childsDibao = parentsDibao with { Subject = Wife };
        var childsOrphan = new BenefitCandidate(Wife, "orphan-basic-living", "basic-living", BeneficiaryLimit.None, "h-1", null, Money.Parse("1800"));

        var resolution = BenefitConstraints.Resolve([childsDibao, childsOrphan, parentsDibao]);

        Assert.Equal(new[] { parentsDibao, childsOrphan }.OrderBy(c => c.Subject), resolution.Winners);
        Assert.Equal("one beneficiary per household", Assert.Single(resolution.Excluded).Reason);
    }

    [Fact]
    public void Resolve_EveryOrderOfAHouseholdAndAGroup_GivesTheSameWinners()
    {
        var members = Enumerable.Range(1, 4).Select(i => new SubjectId($"r-000{i}")).ToList();
        var candidates = members.SelectMany((m, i) => new[]
        {
            new BenefitCandidate(m, "dibao-top-up", "basic-living", BeneficiaryLimit.OnePerHousehold, "h-7", null, Money.Parse("1200")),
            new BenefitCandidate(m, "orphan-basic-living", "basic-living", BeneficiaryLimit.None, "h-7", null, Money.Parse(i % 2 == 0 ? "1800" : "600")),
            new BenefitCandidate(m, "old-age-allowance", null, BeneficiaryLimit.None, "h-7", null, Money.Parse("100")),
        }).ToList();
        var expected = BenefitConstraints.Resolve(candidates).Winners;
        var random = new Random(17);

        for (var round = 0; round < 50; round++)
        {
            Assert.Equal(expected, BenefitConstraints.Resolve(candidates.OrderBy(_ => random.Next()).ToList()).Winners);
        }

        Assert.Single(expected, w => w.PolicyId == "dibao-top-up");
        Assert.Equal(3, expected.Count(w => w.PolicyId == "orphan-basic-living"));
    }

    [Fact]
    public void Resolve_ParentAndTwoAdultChildren_EachUnmarriedAdultIsTheirOwnCouple()
    {
        var parent = new BenefitCandidate(new SubjectId("r-0010"), "employee-rental-subsidy", null, BeneficiaryLimit.OnePerCouple, "h-3", null, Money.Parse("500"));
        var son = parent with { Subject = new SubjectId("r-0011") };
        var daughter = parent with { Subject = new SubjectId("r-0012") };

        Assert.Equal(3, BenefitConstraints.Resolve([parent, son, daughter]).Winners.Count);
    }
}
