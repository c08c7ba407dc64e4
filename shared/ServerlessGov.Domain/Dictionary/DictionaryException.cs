namespace ServerlessGov.Domain.Dictionary;

/// <summary>Raised when a data dictionary document is malformed; the message names the JSON path.</summary>
public sealed class DictionaryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DictionaryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public DictionaryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DictionaryException()
    {
    }
}
