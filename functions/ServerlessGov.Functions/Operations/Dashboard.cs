using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Functions.Payouts;

namespace ServerlessGov.Functions.Operations;

/// <summary>Everything an operator or auditor reads at a glance: money paid by policy, budgets, the automatic share, the review backlog and its SLA, payment problems and poison queues.</summary>
/// <param name="Today">The business date (Asia/Shanghai) the figures are for.</param>
/// <param name="Month">The business month, <c>yyyy-MM</c>.</param>
/// <param name="ComputedAt">When the figures were computed (the snapshot is refreshed every five minutes); queue depths are read live.</param>
/// <param name="Policies">Per policy ever published.</param>
/// <param name="Reviews">The review backlog and its SLA.</param>
/// <param name="Payments">Failed, returned and unanswered payments.</param>
/// <param name="PoisonQueues">Messages in each poison queue now.</param>
public sealed record Dashboard(
    string Today, string Month, DateTimeOffset ComputedAt, IReadOnlyList<PolicyFigures> Policies, ReviewFigures Reviews, PaymentProblems Payments, IReadOnlyList<QueueDepth> PoisonQueues);

/// <summary>One policy's figures.</summary>
/// <param name="PolicyId">The policy.</param>
/// <param name="Title">Its title, from its newest version.</param>
/// <param name="PaidTodayFen">Settled today, in fen (by the day the bank took the instruction).</param>
/// <param name="PaidThisMonthFen">Settled this month, in fen.</param>
/// <param name="PaymentsToday">How many payments settled today.</param>
/// <param name="PaymentsThisMonth">How many this month.</param>
/// <param name="BudgetCapFen">The cap of its newest version, in fen; null without one.</param>
/// <param name="BudgetReservedFen">Reserved against the cap so far, in fen.</param>
/// <param name="Evaluated">Subjects evaluated by its latest run.</param>
/// <param name="Automatic">Cases that run opened on the automatic track.</param>
/// <param name="Review">Cases it sent to review.</param>
/// <param name="AutomaticShare">Automatic ÷ (automatic + review); null before any case.</param>
public sealed record PolicyFigures(
    string PolicyId, LocalizedText? Title, long PaidTodayFen, long PaidThisMonthFen, long PaymentsToday, long PaymentsThisMonth,
    long? BudgetCapFen, long BudgetReservedFen, long? Evaluated, long? Automatic, long? Review, double? AutomaticShare);

/// <summary>The review backlog.</summary>
/// <param name="Open">Items not decided.</param>
/// <param name="Overdue">Open items past a deadline.</param>
/// <param name="DecidedLast30Days">Items decided in the last 30 days.</param>
/// <param name="DecidedOnTimeShare">Of those, the share decided before the closing deadline.</param>
public sealed record ReviewFigures(int Open, int Overdue, int DecidedLast30Days, double? DecidedOnTimeShare);

/// <summary>Payments that need a look.</summary>
/// <param name="Failed">Payouts that failed at the bank.</param>
/// <param name="Returned">Payouts that came back.</param>
/// <param name="InDoubt">Payouts whose submission was not answered yet.</param>
/// <param name="Conflicts">Payouts the bank holds under their key with other details (payee, amount, currency or purpose): nothing was paid, each case is in review.</param>
/// <param name="Recent">The ten most recent failed, returned or conflicting payouts.</param>
public sealed record PaymentProblems(int Failed, int Returned, int InDoubt, int Conflicts, IReadOnlyList<PayoutView> Recent);

/// <summary>A poison queue and the messages in it.</summary>
/// <param name="Queue">The queue (<c>{queue}-poison</c>).</param>
/// <param name="Messages">Approximate count.</param>
public sealed record QueueDepth(string Queue, int Messages);
