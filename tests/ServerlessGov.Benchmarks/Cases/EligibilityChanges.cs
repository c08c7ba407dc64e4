using System.Text.Json;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Rules;
using ServerlessGov.Domain.Values;
using ServerlessGov.Functions.Cases;
using ServerlessGov.Functions.Cases.Runs;
using ServerlessGov.Functions.Policies;
using ServerlessGov.Functions.Subjects;
using ServerlessGov.Functions.Subjects.Changes;

namespace ServerlessGov.Benchmarks.Cases;

/// <summary>
/// The "data change → payment instruction" scenario: residents who are not paid the enterprise retiree holiday
/// allowance today but would be, were the pension office to report them as enterprise retirees. Each change goes
/// through the real path: a <c>subject-changes</c> message, the registry's merge, <c>subject-reevaluations</c>, the
/// re-evaluation, the case and its payment.
/// </summary>
internal static class EligibilityChanges
{
    public const string PolicyId = "enterprise-retiree-holiday";

    private static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);

    /// <summary>Up to <paramref name="count"/> residents without a case for the policy whom the change would make eligible (proven, with an amount).</summary>
    public static async Task<List<string>> FindAsync(IServiceProvider services, int count)
    {
        var reader = services.GetRequiredService<ISubjectFactsReader>();
        var evaluator = services.GetRequiredService<PolicyEvaluator>();
        var client = services.GetRequiredService<DurableTaskClient>();
        var time = services.GetRequiredService<TimeProvider>();
        var today = BusinessDate.Today(time);
        var policies = await services.GetRequiredService<IPolicyCatalog>().ListEffectiveAsync(today);
        var policy = policies.Single(p => p.Document.Id == PolicyId).Document;
        var period = PolicyPeriod.For(policy, today).Within(policy)!;
        var compiled = evaluator.Compile(policy, today, period);
        var now = time.GetUtcNow();
        var coverage = await reader.GetCoverageAsync();
        var found = new List<string>(count);
        for (var shard = 0; shard < reader.ShardCount && found.Count < count; shard++)
        {
            await foreach (var subject in reader.ReadShardAsync(SubjectKind.Resident, shard))
            {
                // Loaded as a run loads them (the complete extracts applied), with the pension office's report added.
                var facts = new SubjectFacts(PolicyEvaluator.Dictionary);
                List<FactValue> observations = [.. subject.Facts.Where(f => f.Fact != "retirement.type"), new FactValue("retirement.type", RuleValue.Text("enterprise"), "hrss", now)];
                coverage.Load(facts, SubjectKind.Resident, observations, today);
                if (compiled.DecideIfRelevant(facts) is not { Outcome: Truth.Satisfied, Amount.Fen: > 0 }
                    || await client.GetInstanceAsync(CaseIds.Case(PolicyId, subject.Id.Value, period.Name), getInputsAndOutputs: true) is not null)
                {
                    continue;
                }

                found.Add(subject.Id.Value);
                if (found.Count == count)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>The <c>subject-changes</c> message reporting the resident as an enterprise retiree as of now.</summary>
    public static BinaryData MessageFor(string subjectId, DateTimeOffset asOf) =>
        BinaryData.FromObjectAsJson(new SubjectChangeMessage(null, null, subjectId, "hrss",
            [new SubjectChangeFact("retirement.type", asOf.ToString("O"), JsonSerializer.SerializeToElement("enterprise"))]), MessageJson);

    /// <summary>The case the change opens.</summary>
    public static string CaseIdFor(string subjectId) => CaseIds.Case(PolicyId, subjectId, PolicyPeriod.Once);
}
