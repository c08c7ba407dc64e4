using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.Allowances;
using ServerlessGov.Functions.Cases.CaseFlow;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Storage.Queues;
using static ServerlessGov.Functions.Tests.Cases.CaseScenario;
using static ServerlessGov.Functions.Tests.Cases.PolicyRunEndToEndTests;
using static ServerlessGov.Functions.Tests.Cases.ShiftedClock;

namespace ServerlessGov.Functions.Tests.Cases;

/// <summary>
/// The better benefit wins, decided from the data whatever order runs, shards and retries come in, and never paid
/// twice: mutually exclusive policies (the orphans' allowance against the 低保 top-up), one per household (the top-up),
/// one per couple (the rental subsidy), and a better entitlement that appears after the lesser one was paid.
/// </summary>
public sealed class BenefitContestTests
{
    private const string Dibao = "dibao-top-up";
    private const string Orphan = "orphan-basic-living";
    private const string Rental = "employee-rental-subsidy";

    [Theory]
    [InlineData(Dibao, Orphan)]
    [InlineData(Orphan, Dibao)]
    public async Task PolicyRuns_OrphanLivingAloneOnDibao_PaysTheOrphansAllowanceWhicheverRunsFirst(string first, string second)
    {
        // Both are published before either run takes a step, so the two runs decide side by side, in any order.
        var clock = new ShiftedClock(Beijing(2026, 12, 3, 10));
        await using var publishing = await StartAsync(clock, runOrchestrations: false);
        await publishing.ImportAsync(OrphanOnDibao("r-orphan-alone", "h-orphan-alone", clock));
        await PublishSampleAsync(publishing, first);
        await PublishSampleAsync(publishing, second);
        await CaseTestApp.WaitUntilAsync(async () => (await publishing.Durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "run|", FetchInputsAndOutputs = true }).ToListAsync()).Count == 2, "both runs to be started");
        await publishing.StopAsync();
        await using var app = await StartAsync(clock, directory: publishing.Directory);

        var month = CaseIds.Case(Orphan, "r-orphan-alone", "2026-12");
        await WaitForStageAsync(app, month, CaseStage.Paid);
        await WaitForRunsAsync(app, Dibao, Orphan);

        Assert.Equal(180_000, (await app.Ledger.GetAsync(new PayoutKey(Orphan, new SubjectId("r-orphan-alone"), "2026-12")))!.Amount.Fen);
        Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Allowance(Dibao, "r-orphan-alone"), getInputsAndOutputs: true));
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Dibao, new SubjectId("r-orphan-alone"), "2026-12")));
        Assert.Equal(1, (await RunCountsAsync(app, Dibao)).Outranked);
    }

    [Fact]
    public async Task PolicyRun_ThreeMembersOfADibaoHousehold_PaysOneTheSmallestIdAndOpensNothingForTheOthers()
    {
        var clock = new ShiftedClock(Beijing(2026, 12, 3, 10));
        await using var app = await StartAsync(clock);
        await app.ImportAsync(
            DibaoMember("r-dibao-c", "h-dibao-3", 40, clock),
            DibaoMember("r-dibao-a", "h-dibao-3", 42, clock),
            DibaoMember("r-dibao-b", "h-dibao-3", 12, clock));
        await PublishSampleAsync(app, Dibao);

        await WaitForStageAsync(app, CaseIds.Case(Dibao, "r-dibao-a", "2026-12"), CaseStage.Paid);
        await WaitForRunsAsync(app, Dibao);

        // (1,350 − 900) × 3 persons (the sample 低保 line is 1,350 from July 2026).
        Assert.Equal(135_000, (await app.Ledger.GetAsync(new PayoutKey(Dibao, new SubjectId("r-dibao-a"), "2026-12")))!.Amount.Fen);
        foreach (var other in new[] { "r-dibao-b", "r-dibao-c" })
        {
            Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Allowance(Dibao, other), getInputsAndOutputs: true));
        }

        Assert.Equal(2, (await RunCountsAsync(app, Dibao)).Outranked);
    }

    [Fact]
    public async Task PolicyRun_RentalSubsidyForACoupleAndTheirTwoAdultChildren_PaysOneSpouseAndEachChild()
    {
        await using var app = await StartAsync(settings: new Dictionary<string, string?> { ["Cases:ConfirmationWindow"] = "00:00:02" });
        await app.Registry.DeclareCoverageAsync([new CoverageDeclaration("civil_affairs", ["marriage.married"], CoverageScope.Everyone, DateTimeOffset.UtcNow.AddDays(-2))], "test");
        await app.ImportAsync(
            Employee("r-rent-wife", "h-rent", spouse: "r-rent-husband"),
            Employee("r-rent-husband", "h-rent", spouse: "r-rent-wife"),
            Employee("r-rent-son", "h-rent"),
            Employee("r-rent-daughter", "h-rent"));
        await PublishSampleAsync(app, Rental);

        foreach (var paid in new[] { "r-rent-daughter", "r-rent-husband", "r-rent-son" })
        {
            await WaitForOutcomeAsync(app, CaseIds.Case(Rental, paid, PolicyPeriod.Once), CaseOutcome.Paid);
        }

        await WaitForRunsAsync(app, Rental);
        Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Case(Rental, "r-rent-wife", PolicyPeriod.Once), getInputsAndOutputs: true));
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Rental, new SubjectId("r-rent-wife"), PolicyPeriod.Once)));
        Assert.Equal(1, (await RunCountsAsync(app, Rental)).Outranked);
    }

    [Fact]
    public async Task PolicyRun_SpouseRecordDoesNotNameTheResidentBack_RentalGoesToReviewNamingTheMarriageRecord()
    {
        await using var app = await StartAsync();
        await app.ImportAsync(
            Employee("r-one-sided", "h-one-sided", spouse: "r-other-side"),
            Employee("r-other-side", "h-other-side", spouse: "r-someone-else"));
        await PublishSampleAsync(app, Rental);

        var review = CaseIds.Case(Rental, "r-one-sided", PolicyPeriod.Once);
        await WaitForStageAsync(app, review, CaseStage.InReview);

        var reason = (await app.Durable.GetInstanceAsync(review, getInputsAndOutputs: true))!.ReadInputAs<CaseInput>()!.UnknownReasons.Single();
        Assert.Equal(("marriage.spouse", Domain.Evaluation.UnknownReasonKind.Conflicting), (reason.Subject, reason.Kind));
    }

    [Fact]
    public async Task Allowances_BetterBenefitAppearsAfterTheLesserWasPaid_LesserStopsFromTheNextMonthAndTheBetterStarts()
    {
        var clock = new ShiftedClock(Beijing(2026, 12, 3, 10));
        await using var app = await StartAsync(clock);
        await app.Registry.DeclareCoverageAsync(
            [new CoverageDeclaration("civil_affairs", ["orphan.certified"], new CoverageScope("household.district", ["余杭区"]), Beijing(2026, 12, 2, 0))], "test");
        await app.ImportAsync(DibaoMember("r-later-orphan", "h-later-orphan", 11, clock, size: 1, income: 950));
        await PublishSampleAsync(app, Dibao);
        await PublishSampleAsync(app, Orphan);
        await WaitForStageAsync(app, CaseIds.Case(Dibao, "r-later-orphan", "2026-12"), CaseStage.Paid);

        // Civil affairs recognises the child as an orphan on 10 December: December is paid already and is not paid twice.
        clock.MoveTo(Beijing(2026, 12, 10, 15));
        await SendSubjectChangeAsync(app, "r-later-orphan", "civil_affairs", ("orphan.certified", Beijing(2026, 12, 10, 14), true));
        await CaseTestApp.WaitUntilAsync(async () => await app.Registry.GetAsync(new SubjectId("r-later-orphan")) is { } subject && subject.Facts.Any(f => f.Fact == "orphan.certified")
            && await QueueCountAsync(app, "subject-changes") == 0 && await QueueCountAsync(app, "subject-reevaluations") == 0, "the change to be re-evaluated");
        Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Case(Orphan, "r-later-orphan", "2026-12"), getInputsAndOutputs: true));
        Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Allowance(Orphan, "r-later-orphan"), getInputsAndOutputs: true));

        // From January the orphans' allowance is paid and the top-up is not.
        clock.MoveTo(Beijing(2027, 1, 1, 0, 4, 57));
        await WaitForStageAsync(app, CaseIds.Case(Orphan, "r-later-orphan", "2027-01"), CaseStage.Paid);
        await CaseTestApp.WaitUntilAsync(async () => (await app.Durable.GetInstanceAsync(CaseIds.Allowance(Dibao, "r-later-orphan"), getInputsAndOutputs: true))?.ReadCustomStatusAs<AllowanceProgress>() is { Month: "2027-01", Stage: "outranked; watching for changes" }, "the top-up to see January outranked");

        Assert.Equal(40_000, (await app.Ledger.GetAsync(new PayoutKey(Dibao, new SubjectId("r-later-orphan"), "2026-12")))!.Amount.Fen);
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Orphan, new SubjectId("r-later-orphan"), "2026-12")));
        Assert.Equal(180_000, (await app.Ledger.GetAsync(new PayoutKey(Orphan, new SubjectId("r-later-orphan"), "2027-01")))!.Amount.Fen);
        Assert.Null(await app.Ledger.GetAsync(new PayoutKey(Dibao, new SubjectId("r-later-orphan"), "2027-01")));
        Assert.Null(await app.Durable.GetInstanceAsync(CaseIds.Case(Dibao, "r-later-orphan", "2027-01"), getInputsAndOutputs: true));
        Assert.Equal(new BusinessDate(2027, 1, 1), BusinessDate.FromInstant((await app.Durable.GetInstanceAsync(CaseIds.Allowance(Orphan, "r-later-orphan"), getInputsAndOutputs: true))!.CreatedAt));
    }

    private static Task<int> QueueCountAsync(CaseTestApp app, string queue) =>
        app.Services.GetRequiredService<IQueueStore>().GetQueue(queue).GetApproximateCountAsync();

    /// <summary>An 11-year-old orphan alone in a 低保 household of one in 余杭区, income ¥950 a head: top-up ¥400, orphans' allowance ¥1,800.</summary>
    private static TestSubject OrphanOnDibao(string id, string household, TimeProvider clock)
    {
        var member = DibaoMember(id, household, 11, clock, size: 1, income: 950);
        return member with { Facts = [.. member.Facts, new TestFact("orphan.certified", "civil_affairs", RuleValue.Bool(true), clock.GetUtcNow().AddDays(-1))] };
    }

    /// <summary>A member of a 低保 household in 余杭区 (three persons at ¥900 a head unless given).</summary>
    private static TestSubject DibaoMember(string id, string household, int age, TimeProvider clock, int size = 3, decimal income = 900)
    {
        var asOf = clock.GetUtcNow().AddDays(-1);
        return new TestSubject(id, SubjectKind.Resident,
            new TestFact("birth_date", "hukou", RuleValue.Date(DateOnly.FromDateTime(asOf.UtcDateTime).AddYears(-age).AddMonths(-2)), asOf),
            new TestFact("household.id", "hukou", RuleValue.Text(household), asOf),
            new TestFact("household.size", "hukou", RuleValue.Number(size), asOf),
            new TestFact("household.district", "hukou", RuleValue.Text("余杭区"), asOf),
            new TestFact("household.dibao", "civil_affairs", RuleValue.Bool(true), asOf),
            new TestFact("household.income_per_head", "civil_affairs", RuleValue.Number(income), asOf),
            new TestFact("deceased", "police", RuleValue.Bool(false), asOf));
    }

    /// <summary>An employee eligible for the rental subsidy; married to <paramref name="spouse"/> when given, else absent from the marriage registry.</summary>
    private static TestSubject Employee(string id, string household, string? spouse = null)
    {
        var facts = new List<TestFact>
        {
            new("household.id", "hukou", RuleValue.Text(household)),
            new("employment.employer_district", "hrss", RuleValue.Text("滨江区")),
            new("employment.employer_taxed_locally", "tax", RuleValue.Bool(true)),
            new("employment.annual_wage", "tax", RuleValue.Number(60_000)),
        };
        if (spouse is not null)
        {
            facts.Add(new TestFact("marriage.married", "civil_affairs", RuleValue.Bool(true)));
            facts.Add(new TestFact("marriage.spouse", "civil_affairs", RuleValue.Text(spouse)));
        }

        return new TestSubject(id, SubjectKind.Resident, [.. facts]);
    }

    private static async Task WaitForRunsAsync(CaseTestApp app, params string[] policies)
    {
        foreach (var policy in policies)
        {
            await CaseTestApp.WaitUntilAsync(async () => (await app.Durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = $"run|{policy}|", FetchInputsAndOutputs = true }).ToListAsync()).All(i => i.IsCompleted),
                $"the runs of {policy} to finish");
        }
    }

    private static async Task<PolicyRunCounts> RunCountsAsync(CaseTestApp app, string policy)
    {
        var runs = (await app.Durable.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = $"run|{policy}|", FetchInputsAndOutputs = true }).ToListAsync());
        return runs.Select(r => r.ReadOutputAs<PolicyRunProgress>()!.Counts).Aggregate(PolicyRunCounts.Zero, (a, b) => a + b);
    }
}
