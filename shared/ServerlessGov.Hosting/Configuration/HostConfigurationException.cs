namespace ServerlessGov.Hosting.Configuration;

/// <summary>The host refuses to start: one or more settings are invalid. The message names each key and its rule.</summary>
public sealed class HostConfigurationException : Exception
{
    public HostConfigurationException()
    {
        Errors = [];
    }

    public HostConfigurationException(string message) : base(message)
    {
        Errors = [message];
    }

    public HostConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [message];
    }

    public HostConfigurationException(IReadOnlyList<string> errors)
        : base("The functions host cannot start: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Each problem, as "&lt;key&gt; must ...".</summary>
    public IReadOnlyList<string> Errors { get; }
}
