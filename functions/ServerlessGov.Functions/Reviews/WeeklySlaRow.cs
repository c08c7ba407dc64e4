namespace ServerlessGov.Functions.Reviews;

/// <summary>SLA compliance of the review items opened in one ISO week (by the Beijing date of their opening).</summary>
/// <param name="Week">The ISO week, <c>2026-W49</c>.</param>
/// <param name="From">Its Monday, <c>yyyy-MM-dd</c>.</param>
/// <param name="Items">Items opened that week.</param>
/// <param name="Decided">Of those, decided.</param>
/// <param name="DecidedOnTimeShare">Share of the decided items decided before their closing deadline; null when none is decided.</param>
/// <param name="Breaches">Deadlines missed (signing and closing counted apart; open items past a deadline count).</param>
public sealed record WeeklySlaRow(string Week, string From, int Items, int Decided, double? DecidedOnTimeShare, int Breaches);
