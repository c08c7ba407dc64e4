using ServerlessGov.Domain.Evaluation;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>
/// Everything a case orchestration needs, decided when the subject was evaluated, so the orchestration itself does
/// no I/O outside activities. Small by design (it is stored in history).
/// </summary>
/// <param name="PolicyId">The policy's stable id.</param>
/// <param name="PolicyVersion">The version the subject was evaluated against.</param>
/// <param name="SubjectId">The pseudonymous beneficiary.</param>
/// <param name="Period">The period paid (<c>once</c>, <c>2026</c>, <c>2026-11</c>): part of the case id and the payout key.</param>
/// <param name="Track">Automatic or review.</param>
/// <param name="AmountFen">The amount when the data decided it; null when a reviewer must settle eligibility first.</param>
/// <param name="PayeeAccount">The pseudonymous account reference paid.</param>
/// <param name="Purpose">The statement text (policy and period).</param>
/// <param name="RequiresConfirmation">Whether the resident confirms intention before payment.</param>
/// <param name="UnknownReasons">Why the data could not decide (shown to the reviewer).</param>
/// <param name="Slots">Beneficiary-limit and exclusion slots the case must hold before paying (one per household, one of a group).</param>
/// <param name="DecidedAt">When the data was evaluated (UTC); the start of "data to payment".</param>
/// <param name="Rules">The timings and routing in force when the case was opened.</param>
/// <param name="Review">
/// The review item a case on the review track was opened with (the case starter opens it before the case starts, so
/// the case's first episode arms its first ladder timer at once); null when the case opens its item itself.
/// </param>
/// <param name="ConfirmationAskedAt">
/// When the case starter asked the resident to confirm, having claimed the case's slots and reserved its budget
/// (<see cref="Runs.PaymentOnOpen.AskForConfirmationAsync"/>): the confirmation window runs from then, and the case's
/// first episode waits for the answer at once. Null when the case takes those steps itself.
/// </param>
/// <param name="OpenedPayment">
/// The payment the case starter instructed before it opened the case, having claimed its slots and reserved its
/// budget (<see cref="Runs.PaymentOnOpen.InstructAsync"/>): the case follows it from there. Null when the case takes
/// those steps itself.
/// </param>
public sealed record CaseInput(
    string PolicyId,
    int PolicyVersion,
    string SubjectId,
    string Period,
    CaseTrack Track,
    long? AmountFen,
    string PayeeAccount,
    string Purpose,
    bool RequiresConfirmation,
    IReadOnlyList<UnknownReason> UnknownReasons,
    IReadOnlyList<string> Slots,
    DateTimeOffset DecidedAt,
    CaseRules Rules,
    Reviews.ReviewOpened? Review = null,
    DateTimeOffset? ConfirmationAskedAt = null,
    PaymentSnapshot? OpenedPayment = null);
