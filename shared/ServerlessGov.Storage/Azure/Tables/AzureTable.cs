using Azure;
using Azure.Data.Tables;
using ServerlessGov.Storage.Azure.Pipeline;
using ServerlessGov.Storage.Tables;
using ETag = ServerlessGov.Storage.Tables.ETag;
using SdkEntity = Azure.Data.Tables.TableEntity;
using TableEntity = ServerlessGov.Storage.Tables.TableEntity;
using TableTransactionAction = ServerlessGov.Storage.Tables.TableTransactionAction;
using TableTransactionActionType = ServerlessGov.Storage.Tables.TableTransactionActionType;
using TableUpdateMode = ServerlessGov.Storage.Tables.TableUpdateMode;

namespace ServerlessGov.Storage.Azure.Tables;

/// <summary>One table: the port mapped onto the SDK's <see cref="TableClient"/>, with the port's limits checked first.</summary>
/// <remarks>
/// Table names are case-insensitive in Azure. Azurite 3.37 matches them case-insensitively when creating a table but
/// case-sensitively for entity calls, so the client is made for the lower-case name: Azure treats it as the same
/// table, and Azurite then agrees with Azure. <see cref="Name"/> keeps the caller's spelling.
/// </remarks>
internal sealed class AzureTable(TableClient client, string name) : ITable
{
    public string Name => name;

    public Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        AzureCall.RunAsync(async () =>
        {
            try
            {
                await client.CreateAsync(cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.ErrorCode == "TableAlreadyExists")
            {
                return false;
            }
        });

    public Task<bool> DeleteIfExistsAsync(CancellationToken cancellationToken = default) =>
        AzureCall.RunAsync(async () =>
        {
            // The SDK answers a missing table with its 404 response rather than an exception.
            var response = await client.DeleteAsync(cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        });

    public async Task<ETag> AddAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateEntity(entity);
        var response = await AzureCall.RunAsync(() => client.AddEntityAsync(EntityMapping.ToSdk(entity), cancellationToken)).ConfigureAwait(false);
        return ETagOf(response);
    }

    public async Task<ETag> UpdateAsync(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        if (ifMatch.IsEmpty)
        {
            throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidInput", "UpdateAsync needs the entity's ETag, or ETag.All for an unconditional update.");
        }

        TableRules.ValidateEntity(entity);
        var response = await AzureCall.RunAsync(() =>
            client.UpdateEntityAsync(EntityMapping.ToSdk(entity), new global::Azure.ETag(ifMatch.Value), Sdk(mode), cancellationToken)).ConfigureAwait(false);
        return ETagOf(response);
    }

    public async Task<ETag> UpsertAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateEntity(entity);
        var response = await AzureCall.RunAsync(() => client.UpsertEntityAsync(EntityMapping.ToSdk(entity), Sdk(mode), cancellationToken)).ConfigureAwait(false);
        return ETagOf(response);
    }

    public Task<bool> DeleteAsync(string partitionKey, string rowKey, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKey(partitionKey, TableFilterNames.PartitionKey);
        TableRules.ValidateKey(rowKey, TableFilterNames.RowKey);
        if (ifMatch is { IsEmpty: true })
        {
            throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidInput", "An empty ETag cannot make a delete conditional; pass null or ETag.All.");
        }

        return AzureCall.RunAsync(async () =>
        {
            var response = await client.DeleteEntityAsync(partitionKey, rowKey, new global::Azure.ETag((ifMatch ?? ETag.All).Value), cancellationToken).ConfigureAwait(false);
            if (response.Status != 404)
            {
                return true;
            }

            // The SDK answers a missing entity with its 404 response; a missing table is an error, not "was not there".
            var missing = new RequestFailedException(response);
            return missing.ErrorCode == "TableNotFound" ? throw missing : false;
        });
    }

    public Task<TableEntity?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateKey(partitionKey, TableFilterNames.PartitionKey);
        TableRules.ValidateKey(rowKey, TableFilterNames.RowKey);
        return AzureCall.RunAsync(async () =>
        {
            try
            {
                var response = await client.GetEntityAsync<SdkEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                return EntityMapping.FromSdk(response.Value);
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode != "TableNotFound")
            {
                return null;
            }
        });
    }

    public Task<TablePage> QueryAsync(TableQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > TableQuery.MaxPageSize)
        {
            throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidInput",
                $"PageSize is {query.PageSize}; it must be between 1 and {TableQuery.MaxPageSize}.");
        }

        var (serverFilter, checkOnClient) = QueryFilter.Split(query.Filter);
        var pageSize = query.PageSize ?? TableQuery.MaxPageSize;
        return AzureCall.RunAsync(async () =>
        {
            var pages = client.QueryAsync<SdkEntity>(serverFilter, pageSize, cancellationToken: cancellationToken)
                .AsPages(query.ContinuationToken, pageSize);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                var items = page.Values.Select(EntityMapping.FromSdk)
                    .Where(entity => !checkOnClient || TableFilterEvaluator.Matches(query.Filter, entity))
                    .ToList();
                return new TablePage(items, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }

            return new TablePage([], null);
        });
    }

    public async Task<IReadOnlyList<ETag?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        TableRules.ValidateBatch(actions);
        var response = await AzureCall.RunAsync(
            () => client.SubmitTransactionAsync(actions.Select(Sdk), cancellationToken),
            ex => StorageErrors.From(ex, StorageErrors.Classify(ex.Status, StorageErrors.CodeOf(ex)),
                (ex as TableTransactionFailedException)?.FailedTransactionActionIndex ?? (actions.Count == 1 ? 0 : null))).ConfigureAwait(false);
        return response.Value
            .Select((result, i) => actions[i].ActionType == TableTransactionActionType.Delete ? (ETag?)null : ETagOf(result))
            .ToList();
    }

    private static global::Azure.Data.Tables.TableTransactionAction Sdk(TableTransactionAction action)
    {
        var entity = EntityMapping.ToSdk(action.Entity);
        var ifMatch = new global::Azure.ETag((action.IfMatch ?? ETag.All).Value);
        return action.ActionType switch
        {
            TableTransactionActionType.Add => new(global::Azure.Data.Tables.TableTransactionActionType.Add, entity),
            TableTransactionActionType.UpdateMerge => new(global::Azure.Data.Tables.TableTransactionActionType.UpdateMerge, entity, ifMatch),
            TableTransactionActionType.UpdateReplace => new(global::Azure.Data.Tables.TableTransactionActionType.UpdateReplace, entity, ifMatch),
            TableTransactionActionType.UpsertMerge => new(global::Azure.Data.Tables.TableTransactionActionType.UpsertMerge, entity),
            TableTransactionActionType.UpsertReplace => new(global::Azure.Data.Tables.TableTransactionActionType.UpsertReplace, entity),
            TableTransactionActionType.Delete => new(global::Azure.Data.Tables.TableTransactionActionType.Delete, entity, ifMatch),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown batch action."),
        };
    }

    private static global::Azure.Data.Tables.TableUpdateMode Sdk(TableUpdateMode mode) =>
        mode == TableUpdateMode.Merge ? global::Azure.Data.Tables.TableUpdateMode.Merge : global::Azure.Data.Tables.TableUpdateMode.Replace;

    private static ETag ETagOf(Response response) =>
        response.Headers.ETag is { } etag
            ? new ETag(etag.ToString("H"))
            : throw new StorageException(StorageErrorKind.Other, 500, "InvalidResponse", "The service did not return an ETag.");
}
