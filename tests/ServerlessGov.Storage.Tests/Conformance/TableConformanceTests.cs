using ServerlessGov.Storage;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Conformance;

/// <summary>
/// The table port's contract, written once and run against every adapter. Each test works in its own uniquely named
/// table, so the suite can share one store. Real time only: no adapter-specific hooks.
/// </summary>
public abstract partial class TableConformanceTests
{
    protected TableConformanceTests(IStorageAdapterFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Fixture = fixture;
    }

    protected IStorageAdapterFixture Fixture { get; }

    /// <summary>A new, empty, existing table.</summary>
    protected async Task<ITable> NewTableAsync()
    {
        var table = Fixture.Tables.GetTable(UniqueNames.Table());
        Assert.True(await table.CreateIfNotExistsAsync());
        return table;
    }

    protected static TableEntity Entity(string partitionKey, string rowKey, params (string Name, object Value)[] properties)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }

        return entity;
    }

    protected static async Task<List<TableEntity>> QueryAllAsync(ITable table, TableQuery query)
    {
        var all = new List<TableEntity>();
        await foreach (var entity in table.QueryAllAsync(query))
        {
            all.Add(entity);
        }

        return all;
    }

    protected static async Task<StorageException> ThrowsStorageAsync(StorageErrorKind kind, Func<Task> call)
    {
        var ex = await Assert.ThrowsAsync<StorageException>(call);
        Assert.Equal(kind, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        return ex;
    }

    protected static async Task InsertManyAsync(ITable table, string partitionKey, int count, Func<int, string> rowKey)
    {
        for (var start = 0; start < count; start += TableRules.MaxBatchOperations)
        {
            var actions = Enumerable.Range(start, Math.Min(TableRules.MaxBatchOperations, count - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.Add, Entity(partitionKey, rowKey(i), ("N", i))))
                .ToList();
            await table.SubmitTransactionAsync(actions);
        }
    }
}
