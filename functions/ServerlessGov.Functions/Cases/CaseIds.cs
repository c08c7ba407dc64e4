using System.Globalization;

namespace ServerlessGov.Functions.Cases;

/// <summary>
/// The deterministic orchestration instance ids of the feature. A case is named by (policy, subject, period) and
/// never by a policy version, so a re-run, a second trigger or a new version finds the existing case instead of
/// opening another; the engine returns the existing instance when an id is started twice.
/// </summary>
public static class CaseIds
{
    /// <summary>The case paying <paramref name="subjectId"/> under <paramref name="policyId"/> for <paramref name="period"/>.</summary>
    public static string Case(string policyId, string subjectId, string period) => $"case|{policyId}|{subjectId}|{period}";

    /// <summary>The eternal allowance orchestration of a monthly policy for one beneficiary.</summary>
    public static string Allowance(string policyId, string subjectId) => $"allowance|{policyId}|{subjectId}";

    /// <summary>A policy run: one per policy version, business date and trigger label (publish, daily, or an operator's label).</summary>
    public static string Run(string policyId, int version, string runDate, string label) =>
        string.Create(CultureInfo.InvariantCulture, $"run|{policyId}|v{version}|{runDate}|{label}");

    /// <summary>The prefix every case id of a policy starts with (for queries by id prefix).</summary>
    public static string CasePrefix(string policyId) => $"case|{policyId}|";
}
