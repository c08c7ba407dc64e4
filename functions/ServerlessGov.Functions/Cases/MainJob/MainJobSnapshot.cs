namespace ServerlessGov.Functions.Cases.MainJob;

/// <summary>
/// What the main job sees at one moment: run progress, case stages, money paid, data-to-payment latencies, and the
/// share of resident cases the data proved (paid on the automatic track) among those a run opened.
/// </summary>
public sealed record MainJobSnapshot(
    int Runs,
    int RunsDone,
    int Shards,
    int ShardsDone,
    int Evaluated,
    int Matched,
    int Excluded,
    int ExpectedCases,
    int Cases,
    int Paid,
    int InReview,
    int WaitingForBudget,
    int Moving,
    int Failed,
    int OtherEnds,
    long AmountPaidFen,
    IReadOnlyList<TimeSpan> DataToPayment)
{
    /// <summary>Cases the runs of resident policies opened (automatic and review tracks).</summary>
    public int ResidentMatched { get; init; }

    /// <summary>Of <see cref="ResidentMatched"/>, the cases opened on the automatic track: the data proved everything.</summary>
    public int ResidentAutomatic { get; init; }

    /// <summary>Proven subjects who get no case because a better benefit, another member of the household or the spouse receives it.</summary>
    public int Outranked { get; init; }

    /// <summary>Every run is done and every expected case rests (paid, in review, waiting for budget, or ended).</summary>
    public bool IsSettled => Runs > 0 && RunsDone == Runs && Cases >= ExpectedCases && Moving == 0;
}
