namespace ServerlessGov.Functions.Cases;

/// <summary>The resident's answer to an intention confirmation: confirmed (pay) or declined (do not pay).</summary>
public sealed record IntentionAnswer(bool Confirmed);
