using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>
/// One-per-household during a streamed dry-run: keeps only the current winner of each household that has an eligible
/// member (highest amount, ties to the smallest subject id, as <c>BenefitConstraints</c> decides), so memory grows with
/// eligible households, never with the population.
/// </summary>
internal sealed class HouseholdLimit
{
    private readonly Dictionary<string, (SubjectId Subject, Money Amount)> _winners = new(StringComparer.Ordinal);

    /// <summary>Eligible members offered, winners or not.</summary>
    public long Offered { get; private set; }

    /// <summary>How many households pay someone.</summary>
    public int Households => _winners.Count;

    public void Offer(string household, SubjectId subject, Money amount)
    {
        Offered++;
        if (!_winners.TryGetValue(household, out var current) || amount > current.Amount || (amount == current.Amount && subject < current.Subject))
        {
            _winners[household] = (subject, amount);
        }
    }

    public bool IsWinner(string household, SubjectId subject) => _winners.TryGetValue(household, out var winner) && winner.Subject == subject;

    public Money Total() => Money.Sum(_winners.Values.Select(w => w.Amount));
}
