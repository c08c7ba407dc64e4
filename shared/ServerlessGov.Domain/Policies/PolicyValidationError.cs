namespace ServerlessGov.Domain.Policies;

/// <summary>A problem with a policy document, at a JSON path, phrased for the policy author.</summary>
public sealed record PolicyValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
