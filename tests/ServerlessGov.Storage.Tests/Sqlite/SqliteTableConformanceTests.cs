using ServerlessGov.Storage.Tests.Conformance;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Sqlite;

/// <summary>The table conformance suite against the SQLite adapter.</summary>
public sealed class SqliteTableConformanceTests(SqliteStorageFixture fixture)
    : TableConformanceTests(fixture), IClassFixture<SqliteStorageFixture>;
