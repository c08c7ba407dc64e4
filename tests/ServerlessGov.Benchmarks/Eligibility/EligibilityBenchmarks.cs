using BenchmarkDotNet.Attributes;
using ServerlessGov.Domain.Coverage;
using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Evaluation;
using ServerlessGov.Domain.Policies;
using ServerlessGov.Domain.Rules.Text;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Benchmarks.Eligibility;

/// <summary>
/// Eligibility throughput: single clauses and single policies per core over a pool of synthetic residents, and the
/// whole run of 1,000,000 synthetic residents (and as many enterprises) × the 12 sample policies on every core: with
/// every fact reported, and as the sources of complete extracts deliver them (absences read from their declarations as
/// each subject's facts load, as a policy run loads them).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class EligibilityBenchmarks
{
    private const int PoolSize = 10_000;
    private const int Rounds = 10;
    private const int Population = 1_000_000;
    private const int ChunkSize = 10_000;

    private static readonly BusinessDate March = new(2026, 3, 1);
    private static readonly BusinessDate MarchEnd = new(2026, 3, 31);

    private readonly DataDictionary _dictionary = DataDictionary.Default;
    private SubjectFacts[] _pool = [];
    private CompiledRule _clause = null!;
    private CompiledPolicy _oldAge = null!;
    private CompiledPolicy[] _residentPolicies = [];
    private CompiledPolicy[] _enterprisePolicies = [];
    private RegistryCoverage _coverage = RegistryCoverage.None;

    [GlobalSetup]
    public void Setup()
    {
        var population = new SyntheticPopulation(_dictionary);
        var random = new Random(42);
        _pool = Enumerable.Range(0, PoolSize).Select(_ =>
        {
            var facts = new SubjectFacts(_dictionary);
            population.FillResident(facts, random);
            return facts;
        }).ToArray();
        var context = new EvaluationContext(_dictionary, March, March, MarchEnd);
        _clause = RuleCompiler.Compile(RuleParser.Parse("age_on(period_end) >= 80"), context);
        var policies = SamplePolicies.Load(_dictionary);
        var compiled = policies.Select(p => new CompiledPolicy(p, _dictionary, March, March, MarchEnd)).ToArray();
        _oldAge = compiled.Single(p => p.Policy.Id == "old-age-allowance");
        _residentPolicies = compiled.Where(p => p.Policy.Target == PolicyTarget.Residents).ToArray();
        _enterprisePolicies = compiled.Where(p => p.Policy.Target == PolicyTarget.Enterprises).ToArray();
        _coverage = new RegistryCoverage(_dictionary, population.Extracts());
        Console.WriteLine($"// Decisions of the {PoolSize:N0} first residents of chunk 0 (relevant / unknown): every fact reported {Outcomes(reported: true)}, from complete extracts {Outcomes(reported: false)}");
    }

    // What the two ways of delivering the same residents decide: how many decisions are relevant and how many of them unknown.
    private string Outcomes(bool reported)
    {
        var random = new Random(0);
        var population = new SyntheticPopulation(_dictionary);
        var observations = new List<FactValue>();
        var facts = new SubjectFacts(_dictionary);
        var (relevant, unknown) = (0, 0);
        for (var i = 0; i < PoolSize; i++)
        {
            if (reported)
            {
                population.FillResident(facts, random);
            }
            else
            {
                population.DeliverResident(observations, random);
                _coverage.Load(facts, SubjectKind.Resident, observations, March);
            }

            foreach (var policy in _residentPolicies)
            {
                if (policy.DecideIfRelevant(facts) is { } decision)
                {
                    relevant++;
                    unknown += decision.Outcome == Truth.Unknown ? 1 : 0;
                }
            }

            // Keep both ways on the same draws: each resident is followed by an enterprise in the benchmark.
            if (reported)
            {
                population.FillEnterprise(facts, random);
            }
            else
            {
                population.DeliverEnterprise(observations, random);
            }
        }

        return $"{relevant:N0} / {unknown:N0}";
    }

    /// <summary>One clause (<c>age_on(period_end) &gt;= 80</c>) on one core; per-operation time is per clause evaluation.</summary>
    [Benchmark(OperationsPerInvoke = PoolSize)]
    public int ClauseEvaluation()
    {
        var satisfied = 0;
        foreach (var facts in _pool)
        {
            satisfied += _clause.Evaluate(facts) == Truth.Satisfied ? 1 : 0;
        }

        return satisfied;
    }

    /// <summary>The old-age allowance decided for one resident on one core, proofs and amounts for matches and unknowns.</summary>
    [Benchmark(OperationsPerInvoke = PoolSize * Rounds)]
    public int OldAgeAllowanceDecision()
    {
        var relevant = 0;
        for (var round = 0; round < Rounds; round++)
        {
            foreach (var facts in _pool)
            {
                relevant += _oldAge.DecideIfRelevant(facts) is null ? 0 : 1;
            }
        }

        return relevant;
    }

    /// <summary>1,000,000 residents × 9 resident policies plus 1,000,000 enterprises × 3 enterprise policies, generated with seeded Randoms and evaluated in parallel on every core.</summary>
    [Benchmark]
    public long MillionSubjectsTimesTwelvePolicies() => RunPopulation();

    /// <summary>
    /// The same subjects delivered as the sources of complete extracts deliver them: each loaded from its observations
    /// with the declared extracts applied (<see cref="RegistryCoverage.Load"/>), then decided as above.
    /// </summary>
    [Benchmark]
    public long MillionSubjectsTimesTwelvePoliciesFromCompleteExtracts()
    {
        long relevant = 0;
        Parallel.For(0, Population / ChunkSize, chunk =>
        {
            var random = new Random(chunk);
            var population = new SyntheticPopulation(_dictionary);
            var observations = new List<FactValue>(24);
            var resident = new SubjectFacts(_dictionary);
            var enterprise = new SubjectFacts(_dictionary);
            long local = 0;
            for (var i = 0; i < ChunkSize; i++)
            {
                population.DeliverResident(observations, random);
                _coverage.Load(resident, SubjectKind.Resident, observations, March);
                foreach (var policy in _residentPolicies)
                {
                    local += policy.DecideIfRelevant(resident) is null ? 0 : 1;
                }

                population.DeliverEnterprise(observations, random);
                _coverage.Load(enterprise, SubjectKind.Enterprise, observations, March);
                foreach (var policy in _enterprisePolicies)
                {
                    local += policy.DecideIfRelevant(enterprise) is null ? 0 : 1;
                }
            }

            Interlocked.Add(ref relevant, local);
        });
        return relevant;
    }

    internal long RunPopulation()
    {
        long relevant = 0;
        Parallel.For(0, Population / ChunkSize, chunk =>
        {
            var random = new Random(chunk);
            var population = new SyntheticPopulation(_dictionary);
            var resident = new SubjectFacts(_dictionary);
            var enterprise = new SubjectFacts(_dictionary);
            long local = 0;
            for (var i = 0; i < ChunkSize; i++)
            {
                population.FillResident(resident, random);
                foreach (var policy in _residentPolicies)
                {
                    local += policy.DecideIfRelevant(resident) is null ? 0 : 1;
                }

                population.FillEnterprise(enterprise, random);
                foreach (var policy in _enterprisePolicies)
                {
                    local += policy.DecideIfRelevant(enterprise) is null ? 0 : 1;
                }
            }

            Interlocked.Add(ref relevant, local);
        });
        return relevant;
    }
}
