namespace ServerlessGov.WebConsole.Api;

/// <summary>RFC 9457 problem details as the API writes them, with its field errors and, for policy documents, each problem's place in the rule.</summary>
public sealed class ApiProblem
{
    public string? Title { get; set; }

    public string? Detail { get; set; }

    public int? Status { get; set; }

    /// <summary>Each field (or JSON path) and the rules it breaks.</summary>
    public Dictionary<string, string[]> Errors { get; set; } = [];

    /// <summary>For a policy document: each problem with its JSON path and, in a text rule, its span.</summary>
    public List<PolicyProblem> Problems { get; set; } = [];
}

/// <summary>One thing wrong with a policy document; a text rule's problem carries where it starts and ends.</summary>
public sealed record PolicyProblem(string Path, int? Line, int? Column, string? Code, string Message, int? EndLine = null, int? EndColumn = null);
