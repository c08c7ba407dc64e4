namespace ServerlessGov.Functions.Cases.MainJob;

/// <summary>What the main job sees at one moment: run progress, case stages, money paid, and data-to-payment latencies.</summary>
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
    /// <summary>Every run is done and every expected case rests (paid, in review, waiting for budget, or ended).</summary>
    public bool IsSettled => Runs > 0 && RunsDone == Runs && Cases >= ExpectedCases && Moving == 0;
}
