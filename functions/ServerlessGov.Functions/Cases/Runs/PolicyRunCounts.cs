namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>
/// What a policy run (or one shard of it) found: subjects evaluated, matched (a case opened: eligible or unknown),
/// opened on the automatic track, sent to review, excluded (not eligible, or nothing to pay), the amount the automatic
/// cases will pay, and the proven subjects another candidate outranked (a better benefit of the group, another member
/// of the household, the spouse), who get no case.
/// </summary>
public sealed record PolicyRunCounts(int Evaluated, int Matched, int Automatic, int Review, int Excluded, long AutomaticAmountFen, int Outranked = 0)
{
    /// <summary>Nothing yet.</summary>
    public static PolicyRunCounts Zero { get; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>Adds two counts.</summary>
    public static PolicyRunCounts operator +(PolicyRunCounts left, PolicyRunCounts right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Evaluated + right.Evaluated, left.Matched + right.Matched, left.Automatic + right.Automatic,
            left.Review + right.Review, left.Excluded + right.Excluded, left.AutomaticAmountFen + right.AutomaticAmountFen, left.Outranked + right.Outranked);
    }

    /// <summary>Adds two counts (named alternative to the operator).</summary>
    public static PolicyRunCounts Add(PolicyRunCounts left, PolicyRunCounts right) => left + right;
}
