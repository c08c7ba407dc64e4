namespace ServerlessGov.Hosting.Queues;

/// <summary>A queue message's body could not be read as the function's message type; such a message goes straight to poison.</summary>
public sealed class MessageBindingException : Exception
{
    public MessageBindingException()
    {
    }

    public MessageBindingException(string message) : base(message)
    {
    }

    public MessageBindingException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
