namespace ServerlessGov.Functions.Enterprises;

/// <summary>Where one notification (one enterprise, one policy version) stands.</summary>
public enum DeliveryState
{
    /// <summary>Claimed by a sender and being published; not yet accepted by the topic.</summary>
    Pending,

    /// <summary>The topic accepted the event.</summary>
    Sent,

    /// <summary>The subscriber (the app's receiver) received the event.</summary>
    Delivered,

    /// <summary>The enterprise acknowledged it.</summary>
    Acknowledged,

    /// <summary>Every attempt failed; the message is in <c>enterprise-notifications-poison</c>.</summary>
    Failed,

    /// <summary>Not sent: the enterprise had opted out (of everything or of the category) when it was due.</summary>
    Withheld,
}
