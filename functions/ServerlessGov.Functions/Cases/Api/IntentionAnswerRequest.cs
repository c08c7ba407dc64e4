namespace ServerlessGov.Functions.Cases.Api;

/// <summary>The body of <c>POST cases/{policyId}/{subjectId}/{period}/intention</c>: the resident's answer to the intention confirmation (告知承诺).</summary>
/// <param name="Confirmed">True: pay me; false: I decline this benefit. Required.</param>
public sealed record IntentionAnswerRequest(bool? Confirmed);
