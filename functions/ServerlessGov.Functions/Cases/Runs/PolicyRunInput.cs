namespace ServerlessGov.Functions.Cases.Runs;

/// <summary>Starts a policy run: which published version, as of which business date (<c>yyyy-MM-dd</c>, Asia/Shanghai).</summary>
public sealed record PolicyRunInput(string PolicyId, int PolicyVersion, string RunDate);
