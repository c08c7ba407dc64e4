namespace ServerlessGov.Domain.Sla;

/// <summary>The rungs of the escalation ladder, each reached once per deadline.</summary>
public enum EscalationLevel
{
    /// <summary>Half the time is gone: remind the assignee.</summary>
    Reminder = 50,

    /// <summary>Three quarters gone: warn the assignee and the supervisor.</summary>
    Warning = 75,

    /// <summary>The deadline has passed: the supervisor and the department head are told; the item is overdue.</summary>
    Breach = 100,
}
