namespace ServerlessGov.Functions.Reviews;

/// <summary>The answer to an objection: the review item it opened and the review instance that will carry the decision.</summary>
public sealed record ObjectionAccepted(string ItemId, string InstanceId);
