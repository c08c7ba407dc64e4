using Microsoft.Azure.Functions.Worker;

namespace ServerlessGov.Functions.Reviews;

/// <summary>The review loop's activities (<see cref="ReviewCaseOrchestration"/>): open the item, read its ladder, queue an escalation. Each is safe to repeat.</summary>
public sealed class ReviewActivities(ReviewWorklist worklist, ReviewLadder ladder, EscalationQueue escalations)
{
    /// <summary>Opens (or finds) the item for the request; returns its id and its ladder steps.</summary>
    [Function(ReviewCaseOrchestration.OpenActivity)]
    public Task<ReviewOpened> OpenAsync([ActivityTrigger] ReviewRequest request, CancellationToken cancellationToken) =>
        worklist.OpenWithStepsAsync(request, cancellationToken);

    /// <summary>The item's ladder steps as they stand now.</summary>
    [Function(ReviewCaseOrchestration.ScheduleActivity)]
    public Task<List<EscalationStep>> StepsAsync([ActivityTrigger] string itemId, CancellationToken cancellationToken) =>
        CurrentStepsAsync(itemId, cancellationToken);

    /// <summary>Puts one escalation on the queue (the handler deduplicates repeats); returns the item's ladder steps as they stand then.</summary>
    [Function(ReviewCaseOrchestration.EscalateActivity)]
    public async Task<List<EscalationStep>> EscalateAsync([ActivityTrigger] ReviewEscalation escalation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        await escalations.SendAsync(escalation, cancellationToken).ConfigureAwait(false);
        return await CurrentStepsAsync(escalation.ItemId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<EscalationStep>> CurrentStepsAsync(string itemId, CancellationToken cancellationToken) =>
        [.. ladder.Steps(await worklist.LoadAsync(itemId, cancellationToken).ConfigureAwait(false))];
}
