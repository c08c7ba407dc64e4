using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Transactions;

/// <summary>
/// What a transactional commit did: each table operation's new ETag (null for a delete), in order; each send's
/// receipt, in order; and how many of the deletes found their message (the others were skipped).
/// </summary>
public sealed record TransactionalCommitResult(IReadOnlyList<ETag?> ETags, IReadOnlyList<SendReceipt> Sent, int Deleted);
