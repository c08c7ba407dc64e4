using ServerlessGov.Hosting.Timers;

namespace ServerlessGov.Hosting.Catalog;

/// <summary>A function run on a 6-field NCRONTAB schedule, by one host at a time.</summary>
public sealed record TimerFunctionDefinition : FunctionDefinition
{
    internal TimerFunctionDefinition(string name, string schedule, bool runOnStartup, Func<TimerInfo, FunctionContext, CancellationToken, Task> handler)
        : base(name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        ArgumentNullException.ThrowIfNull(handler);
        Schedule = schedule;
        RunOnStartup = runOnStartup;
        Handler = handler;
    }

    /// <summary>The NCRONTAB expression with seconds: <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>.</summary>
    public string Schedule { get; }

    /// <summary>Also run once when this host takes the schedule over at start (as Azure's runOnStartup).</summary>
    public bool RunOnStartup { get; }

    internal Func<TimerInfo, FunctionContext, CancellationToken, Task> Handler { get; }

    public override TriggerKind Trigger => TriggerKind.Timer;

    public override string Describe() => $"schedule: {Schedule}";
}
