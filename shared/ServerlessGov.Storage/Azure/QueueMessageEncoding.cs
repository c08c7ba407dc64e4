namespace ServerlessGov.Storage.Azure;

/// <summary>How message bodies travel in Azure Queue storage, as host.json's <c>extensions.queues.messageEncoding</c>.</summary>
public enum QueueMessageEncoding
{
    /// <summary>Bodies are base64-encoded (the Functions default): any bytes go through.</summary>
    Base64,

    /// <summary>Bodies are sent as XML-escaped text: they must be valid UTF-8 without characters XML forbids.</summary>
    None,
}
