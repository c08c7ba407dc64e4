using ServerlessGov.Functions.Cases.Runs;

namespace ServerlessGov.Benchmarks.Cases;

/// <summary>
/// What the store shows at one moment of a policy run benchmark: the runs, the cases by where they stand with respect to
/// the payment instruction, and the timestamps the figures are computed from.
/// </summary>
internal sealed record CaseRunSnapshot(
    int Runs,
    int RunsDone,
    int Evaluated,
    int ExpectedCases,
    int Cases,
    int Instructed,
    int InReview,
    int BeforeInstruction,
    int EndedOtherwise,
    int Settling,
    int Failed,
    DateTimeOffset? LastRunDoneAt,
    DateTimeOffset? LastCaseCreatedAt,
    DateTimeOffset? LastInstructedAt,
    IReadOnlyList<TimeSpan> DecidedToInstructed,
    IReadOnlyDictionary<string, PolicyRunCounts> PerPolicy,
    IReadOnlyList<(string InstanceId, DateTimeOffset DecidedAt)> InstructedCases)
{
    /// <summary>Every run is done, every case it expected exists, and none is still on its way to a payment instruction.</summary>
    public bool EveryAutomaticPaymentInstructed => Runs > 0 && RunsDone == Runs && Cases >= ExpectedCases && BeforeInstruction == 0;
}
