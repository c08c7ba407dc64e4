using ServerlessGov.Domain.Dictionary;
using ServerlessGov.Domain.Values;

namespace ServerlessGov.Domain.Evaluation;

/// <summary>
/// When a rule is evaluated: the evaluation date (<c>today</c>), the period decided (<c>period_start</c>,
/// <c>period_end</c>) and the parameter values in force. Precomputes each fact's staleness cut-off.
/// </summary>
public sealed class EvaluationContext
{
    /// <summary>Creates a context.</summary>
    /// <exception cref="ArgumentException">The period ends before it starts.</exception>
    public EvaluationContext(DataDictionary dictionary, BusinessDate evaluationDate, BusinessDate periodStart, BusinessDate periodEnd, IReadOnlyDictionary<string, decimal>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(dictionary);
        if (periodEnd < periodStart)
        {
            throw new ArgumentException("The period ends before it starts.", nameof(periodEnd));
        }

        Dictionary = dictionary;
        EvaluationDate = evaluationDate;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        Parameters = parameters ?? new Dictionary<string, decimal>();
        var start = evaluationDate.StartUtc.UtcTicks;
        StaleBeforeTicks = dictionary.Facts.Select(f => start - f.Freshness.Ticks).ToArray();
    }

    /// <summary>The dictionary facts are read against.</summary>
    public DataDictionary Dictionary { get; }

    /// <summary>The evaluation date (<c>today</c>), against which freshness is judged.</summary>
    public BusinessDate EvaluationDate { get; }

    /// <summary>The first day of the period.</summary>
    public BusinessDate PeriodStart { get; }

    /// <summary>The last day of the period.</summary>
    public BusinessDate PeriodEnd { get; }

    /// <summary>Parameter values in force for the period.</summary>
    public IReadOnlyDictionary<string, decimal> Parameters { get; }

    /// <summary>Per fact id: values as of earlier than this (UTC ticks) are stale.</summary>
    internal long[] StaleBeforeTicks { get; }
}
