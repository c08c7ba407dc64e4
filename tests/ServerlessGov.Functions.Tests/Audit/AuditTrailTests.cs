using ServerlessGov.Functions.Audit;
using ServerlessGov.Storage.Tables;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Functions.Tests.Audit;

/// <summary>The audit trail's behaviour, written once and run on every storage adapter.</summary>
public abstract class AuditTrailTests(IStorageAdapterFixture fixture)
{
    private readonly AuditTrail _trail = new(fixture.Tables, TimeProvider.System);

    private static string NewStream() => "policy-" + Guid.NewGuid().ToString("N");

    private static AuditEntry Change(int n) =>
        new("staff-7f3a", "policy-author", "policy.draft.updated", "policy/old-age-allowance", $$"""{"v":{{n - 1}}}""", $$"""{"v":{{n}}}""");

    [Fact]
    public async Task Append_ThreeChanges_ReadBackInOrderWithLinkedHashes()
    {
        var stream = NewStream();
        for (var i = 1; i <= 3; i++)
        {
            await _trail.AppendAsync(stream, Change(i));
        }

        var records = await _trail.ReadAsync(stream).ToListAsync();

        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Sequence));
        Assert.Equal("""{"v":3}""", records[2].Entry.After);
        Assert.Equal(records[0].Hash, records[1].PreviousHash);
        Assert.True((await _trail.VerifyAsync(stream)).IsIntact);
    }

    [Fact]
    public async Task Append_TwentyConcurrentWriters_NoGapNoForkChainIntact()
    {
        var stream = NewStream();
        var other = new AuditTrail(fixture.Tables, TimeProvider.System);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => (i % 2 == 0 ? _trail : other).AppendAsync(stream, Change(i))));

        var records = await _trail.ReadAsync(stream).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), records.Select(r => r.Sequence));
        Assert.Equal(20, records.Select(r => r.Entry.After).Distinct().Count());
        Assert.True((await _trail.VerifyAsync(stream)).IsIntact);
    }

    [Fact]
    public async Task Verify_EntryEditedInTheTable_ReportsThatEntry()
    {
        var stream = NewStream();
        for (var i = 1; i <= 4; i++)
        {
            await _trail.AppendAsync(stream, Change(i));
        }

        var table = fixture.Tables.GetTable(AuditTrail.TableName);
        var stored = await table.GetAsync(stream, "e0000000000000000002");
        stored!["Actor"] = "someone-else";
        await table.UpdateAsync(stored, ETag.All, TableUpdateMode.Merge);

        var verification = await _trail.VerifyAsync(stream);

        Assert.False(verification.IsIntact);
        Assert.Equal(2, verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verify_LastEntryDeleted_ReportsTheRemoval()
    {
        var stream = NewStream();
        for (var i = 1; i <= 3; i++)
        {
            await _trail.AppendAsync(stream, Change(i));
        }

        await fixture.Tables.GetTable(AuditTrail.TableName).DeleteAsync(stream, "e0000000000000000003");

        var verification = await _trail.VerifyAsync(stream);

        Assert.False(verification.IsIntact);
        Assert.Equal(3, verification.FirstBrokenSequence);
    }

    [Fact]
    public async Task Append_DocumentLargerThanOneProperty_RoundTripsExactly()
    {
        var stream = NewStream();
        var large = "{\"rule\":\"" + string.Concat(Enumerable.Repeat("年满八十周岁 and ", 12_000)) + "\"}";

        await _trail.AppendAsync(stream, new AuditEntry("staff-1", "policy-author", "policy.published", "policy/x", null, large));

        var record = Assert.Single(await _trail.ReadAsync(stream).ToListAsync());
        Assert.Equal(large, record.Entry.After);
        Assert.Null(record.Entry.Before);
        Assert.True((await _trail.VerifyAsync(stream)).IsIntact);
    }

    [Fact]
    public async Task Append_StreamNameWithSlash_IsRejectedNamingTheRule()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _trail.AppendAsync("policy/1", Change(1)));
        Assert.Contains("/", error.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteAuditTrailTests(SqliteStorageFixture fixture) : AuditTrailTests(fixture), IClassFixture<SqliteStorageFixture>;
