namespace ServerlessGov.Domain.Policies;

/// <summary>A problem with a policy document, at a JSON path, phrased for the policy author.</summary>
public sealed record PolicyValidationError(string Path, string Message)
{
    /// <summary>For a text rule, where the offending text ends (<c>line L, column C</c>, just past it), so an editor can mark the exact span.</summary>
    public string? End { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
