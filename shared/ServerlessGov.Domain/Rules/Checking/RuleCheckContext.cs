using ServerlessGov.Domain.Dictionary;

namespace ServerlessGov.Domain.Rules.Checking;

/// <summary>What a rule is checked against: the dictionary, the subjects the policy targets, and the policy's parameters with their units.</summary>
public sealed record RuleCheckContext(DataDictionary Dictionary, IReadOnlySet<SubjectKind> AllowedSubjects, IReadOnlyDictionary<string, string?> Parameters)
{
    /// <summary>A context for a policy targeting residents (resident and household facts).</summary>
    public static RuleCheckContext ForResidents(DataDictionary dictionary, IReadOnlyDictionary<string, string?>? parameters = null) =>
        new(dictionary, new HashSet<SubjectKind> { SubjectKind.Resident, SubjectKind.Household }, parameters ?? new Dictionary<string, string?>());

    /// <summary>A context for a policy targeting enterprises (enterprise facts).</summary>
    public static RuleCheckContext ForEnterprises(DataDictionary dictionary, IReadOnlyDictionary<string, string?>? parameters = null) =>
        new(dictionary, new HashSet<SubjectKind> { SubjectKind.Enterprise }, parameters ?? new Dictionary<string, string?>());
}
