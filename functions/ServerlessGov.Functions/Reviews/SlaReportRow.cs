namespace ServerlessGov.Functions.Reviews;

/// <summary>SLA compliance of one policy in one department.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="Department">The responsible department.</param>
/// <param name="Items">Items opened in the period.</param>
/// <param name="Decided">Of those, decided.</param>
/// <param name="DecidedOnTimeShare">Share of the decided items decided before their closing deadline (null when none is decided).</param>
/// <param name="MedianTimeToSign">Median wall-clock time from opening to signing, over the items someone signed (not those a supervisor decided unsigned).</param>
/// <param name="MedianTimeToDecide">Median wall-clock time from opening to the decision, over the decided items.</param>
/// <param name="Breaches">Deadlines missed (signing and closing counted separately; an open item past its deadline counts; met at the due instant counts as missed).</param>
/// <param name="DecidedUnsigned">Decided items nobody signed (a supervisor decided them directly): their signing deadline is judged at the decision, and they are left out of the median time to sign.</param>
public sealed record SlaReportRow(
    string PolicyId,
    string Department,
    int Items,
    int Decided,
    double? DecidedOnTimeShare,
    TimeSpan? MedianTimeToSign,
    TimeSpan? MedianTimeToDecide,
    int Breaches,
    int DecidedUnsigned);
