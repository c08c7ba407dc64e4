using System.Globalization;
using ServerlessGov.Functions.Notifications;

namespace ServerlessGov.Functions.Cases.CaseFlow;

/// <summary>A notification a case sends through the notification port; the key makes a retried send a no-op.</summary>
public sealed record NotifyCommand(string IdempotencyKey, string Recipient, string Template, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The template that asks the resident to confirm their intention to receive the payment.</summary>
    public const string ConfirmIntentionTemplate = "confirm-intention";

    /// <summary>
    /// A notice of case <paramref name="caseInstanceId"/>: keyed by the case, the template and the optional
    /// <paramref name="suffix"/> (a payment attempt), addressed to the subject unless <paramref name="recipient"/> says
    /// otherwise, carrying the policy and period beside <paramref name="values"/>.
    /// </summary>
    public static NotifyCommand ForCase(string caseInstanceId, CaseInput input, string template, Dictionary<string, string> values, string? suffix = null, string? recipient = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(values);
        values["policyId"] = input.PolicyId;
        values["period"] = input.Period;
        var key = suffix is null ? $"{caseInstanceId}|{template}" : $"{caseInstanceId}|{template}|{suffix}";
        return new NotifyCommand(key, recipient ?? input.SubjectId, template, values);
    }

    /// <summary>The case's request for intention confirmation (one per case, whoever sends it: the case or its starter).</summary>
    public static NotifyCommand ConfirmIntention(string caseInstanceId, CaseInput input, long amountFen) =>
        ForCase(caseInstanceId, input, ConfirmIntentionTemplate, new() { ["amountFen"] = amountFen.ToString(CultureInfo.InvariantCulture) });

    /// <summary>The in-app notification sent for this command, <paramref name="staffRecipient"/> standing for the staff marker.</summary>
    public Notification ToNotification(string staffRecipient) =>
        new(IdempotencyKey, Recipient == CaseActivities.StaffRecipientMarker ? staffRecipient : Recipient, NotificationChannel.InApp, Template, Values);
}
