using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ServerlessGov.Functions.Payouts;
using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Functions.SandboxBank;

/// <summary>
/// The sandbox bank's payments in a table, through the storage port (so the bank runs on SQLite and on Azure
/// Storage alike). The row key is the idempotency key: the store itself refuses a second payment under a key.
/// </summary>
internal sealed class SandboxPaymentStore
{
    private readonly ITable _table;
    private readonly CreateOnFirstUse _tableCreated;

    public SandboxPaymentStore(ITableStore tables, IOptions<SandboxBankOptions> options)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(options);
        _table = tables.GetTable(options.Value.TableName);
        _tableCreated = new CreateOnFirstUse(_table);
    }

    /// <summary>Adds a new payment; null when the key is taken (nothing is written then).</summary>
    public async Task<SandboxPayment?> TryAddAsync(SandboxPayment payment, CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var added = payment with { NextActionAt = payment.ComputeNextActionAt() };
        try
        {
            var etag = await _table.AddAsync(ToEntity(added), cancellationToken).ConfigureAwait(false);
            return added with { ETag = etag };
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.AlreadyExists)
        {
            return null;
        }
    }

    public async Task<SandboxPayment?> GetAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var entity = await _table.GetAsync(PartitionFor(idempotencyKey), idempotencyKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : FromEntity(entity);
    }

    /// <summary>Replaces the payment if nobody wrote it since it was read; null when someone did.</summary>
    public async Task<SandboxPayment?> TryReplaceAsync(SandboxPayment payment, CancellationToken cancellationToken)
    {
        var next = payment with { NextActionAt = payment.ComputeNextActionAt() };
        try
        {
            var etag = await _table.UpdateAsync(ToEntity(next), payment.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return next with { ETag = etag };
        }
        catch (StorageException ex) when (ex.Kind == StorageErrorKind.PreconditionFailed)
        {
            return null;
        }
    }

    /// <summary>The payments with something due at or before <paramref name="now"/>.</summary>
    public async IAsyncEnumerable<SandboxPayment> QueryDueAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var query = new TableQuery(TableFilter.LessThanOrEqual(nameof(SandboxPayment.NextActionAt), now));
        await foreach (var entity in _table.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>Every payment received in [<paramref name="from"/>, <paramref name="to"/>): the bank's statement (a scan, fine for a sandbox).</summary>
    public async IAsyncEnumerable<SandboxPayment> QueryReceivedAsync(DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var query = new TableQuery(TableFilter.GreaterThanOrEqual(nameof(SandboxPayment.ReceivedAt), from) & TableFilter.LessThan(nameof(SandboxPayment.ReceivedAt), to));
        await foreach (var entity in _table.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    /// <summary>Every payment to one account, for reconciliation and tests.</summary>
    public async IAsyncEnumerable<SandboxPayment> QueryByPayeeAsync(string payeeAccount, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _tableCreated.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var query = new TableQuery(TableFilter.Equal(nameof(SandboxPayment.PayeeAccount), payeeAccount));
        await foreach (var entity in _table.QueryAllAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity(entity);
        }
    }

    private static string PartitionFor(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)), 0, 1);

    private static TableEntity ToEntity(SandboxPayment p) => new(PartitionFor(p.IdempotencyKey), p.IdempotencyKey)
    {
        [nameof(SandboxPayment.PayloadHash)] = p.PayloadHash,
        [nameof(SandboxPayment.PayeeAccount)] = p.PayeeAccount,
        [nameof(SandboxPayment.AmountFen)] = p.AmountFen,
        [nameof(SandboxPayment.Currency)] = p.Currency,
        [nameof(SandboxPayment.Purpose)] = p.Purpose,
        [nameof(SandboxPayment.CallbackUrl)] = p.CallbackUrl?.AbsoluteUri,
        [nameof(SandboxPayment.Status)] = p.Status.ToString(),
        [nameof(SandboxPayment.Reason)] = p.Reason,
        [nameof(SandboxPayment.ReceivedAt)] = p.ReceivedAt,
        [nameof(SandboxPayment.UpdatedAt)] = p.UpdatedAt,
        [nameof(SandboxPayment.SettleAt)] = p.SettleAt,
        [nameof(SandboxPayment.ReturnAfterSettling)] = p.ReturnAfterSettling,
        [nameof(SandboxPayment.ReturnAt)] = p.ReturnAt,
        [nameof(SandboxPayment.StatusVersion)] = p.StatusVersion,
        [nameof(SandboxPayment.CallbackVersion)] = p.CallbackVersion,
        [nameof(SandboxPayment.CallbackAttempts)] = p.CallbackAttempts,
        [nameof(SandboxPayment.CallbackNextAt)] = p.CallbackNextAt,
        [nameof(SandboxPayment.Requests)] = p.Requests,
        [nameof(SandboxPayment.NextActionAt)] = p.NextActionAt,
    };

    private static SandboxPayment FromEntity(TableEntity e) => new()
    {
        IdempotencyKey = e.RowKey,
        PayloadHash = e.GetString(nameof(SandboxPayment.PayloadHash))!,
        PayeeAccount = e.GetString(nameof(SandboxPayment.PayeeAccount))!,
        AmountFen = e.GetInt64(nameof(SandboxPayment.AmountFen)) ?? 0,
        Currency = e.GetString(nameof(SandboxPayment.Currency))!,
        Purpose = e.GetString(nameof(SandboxPayment.Purpose))!,
        CallbackUrl = e.GetString(nameof(SandboxPayment.CallbackUrl)) is { } url ? new Uri(url) : null,
        Status = Enum.Parse<PaymentState>(e.GetString(nameof(SandboxPayment.Status))!),
        Reason = e.GetString(nameof(SandboxPayment.Reason)),
        ReceivedAt = e.GetDateTimeOffset(nameof(SandboxPayment.ReceivedAt)) ?? DateTimeOffset.MinValue,
        UpdatedAt = e.GetDateTimeOffset(nameof(SandboxPayment.UpdatedAt)) ?? DateTimeOffset.MinValue,
        SettleAt = e.GetDateTimeOffset(nameof(SandboxPayment.SettleAt)) ?? DateTimeOffset.MinValue,
        ReturnAfterSettling = e.GetBoolean(nameof(SandboxPayment.ReturnAfterSettling)) ?? false,
        ReturnAt = e.GetDateTimeOffset(nameof(SandboxPayment.ReturnAt)),
        StatusVersion = e.GetInt32(nameof(SandboxPayment.StatusVersion)) ?? 0,
        CallbackVersion = e.GetInt32(nameof(SandboxPayment.CallbackVersion)) ?? 0,
        CallbackAttempts = e.GetInt32(nameof(SandboxPayment.CallbackAttempts)) ?? 0,
        CallbackNextAt = e.GetDateTimeOffset(nameof(SandboxPayment.CallbackNextAt)),
        Requests = e.GetInt32(nameof(SandboxPayment.Requests)) ?? 0,
        NextActionAt = e.GetDateTimeOffset(nameof(SandboxPayment.NextActionAt)),
        ETag = e.ETag,
    };
}
