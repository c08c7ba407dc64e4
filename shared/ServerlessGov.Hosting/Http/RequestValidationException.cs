namespace ServerlessGov.Hosting.Http;

/// <summary>
/// Thrown by an HTTP function when the request breaks a rule; the host answers 400 with a validation problem
/// naming each field and the rule it broke.
/// </summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public RequestValidationException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public RequestValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    /// <summary>One field broke one rule.</summary>
    public RequestValidationException(string field, string rule)
        : this(new Dictionary<string, string[]> { [field] = [rule] })
    {
    }

    /// <summary>Several fields broke rules: field name to the rules it broke.</summary>
    public RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("The request is not valid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
    {
        Errors = errors;
    }

    /// <summary>Field name to the rules it broke.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
