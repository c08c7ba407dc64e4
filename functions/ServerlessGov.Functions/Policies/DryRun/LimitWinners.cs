using ServerlessGov.Domain.Values;

namespace ServerlessGov.Functions.Policies.DryRun;

/// <summary>
/// One-per-household and one-per-couple during a streamed dry-run: keeps only the current winner of each household or
/// couple that has an eligible member (highest amount, ties to the smallest subject id, as <c>BenefitConstraints</c>
/// decides), so memory grows with eligible households and couples, never with the population.
/// </summary>
internal sealed class LimitWinners
{
    private readonly Dictionary<string, (SubjectId Subject, Money Amount)> _winners = new(StringComparer.Ordinal);

    /// <summary>Eligible members offered, winners or not.</summary>
    public long Offered { get; private set; }

    /// <summary>How many households or couples pay someone.</summary>
    public int Groups => _winners.Count;

    public void Offer(string group, SubjectId subject, Money amount)
    {
        Offered++;
        if (!_winners.TryGetValue(group, out var current) || amount > current.Amount || (amount == current.Amount && subject < current.Subject))
        {
            _winners[group] = (subject, amount);
        }
    }

    public bool IsWinner(string group, SubjectId subject) => _winners.TryGetValue(group, out var winner) && winner.Subject == subject;

    public Money Total() => Money.Sum(_winners.Values.Select(w => w.Amount));
}
