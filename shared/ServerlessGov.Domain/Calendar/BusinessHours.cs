namespace ServerlessGov.Domain.Calendar;

/// <summary>
/// The part of a working day that counts toward a deadline (e.g. 09:00–17:00 Beijing time). Without business
/// hours a working day counts whole.
/// </summary>
public sealed record BusinessHours
{
    public BusinessHours(TimeOnly start, TimeOnly end)
    {
        if (end <= start)
        {
            throw new ArgumentException($"Business hours must end after they start ({start:HH:mm}–{end:HH:mm}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    /// <summary>When counting starts each working day, local time.</summary>
    public TimeOnly Start { get; }

    /// <summary>When counting stops each working day, local time.</summary>
    public TimeOnly End { get; }
}
