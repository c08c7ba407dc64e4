namespace ServerlessGov.Domain.Amounts;

/// <summary>How often a policy pays.</summary>
public enum ScheduleKind
{
    /// <summary>Once per beneficiary.</summary>
    OneOff,

    /// <summary>Every calendar month while eligible.</summary>
    Monthly,

    /// <summary>Once per qualifying event (a hire, a certification).</summary>
    PerEvent,
}
