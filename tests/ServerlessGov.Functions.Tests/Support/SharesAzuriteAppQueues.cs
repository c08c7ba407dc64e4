namespace ServerlessGov.Functions.Tests.Support;

/// <summary>
/// The tests that run the whole app on the test process's one Azurite. The app's own queues and tables (policy runs,
/// subject changes, ledger, budgets) are named the same in every app, so two such apps at once would take each
/// other's messages; in this collection they run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharesAzuriteAppQueues
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Shares the Azurite app queues";
}
