using ServerlessGov.Storage.Tests.Conformance;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Sqlite;

/// <summary>The queue conformance suite against the SQLite adapter.</summary>
public sealed class SqliteQueueConformanceTests(SqliteStorageFixture fixture)
    : QueueConformanceTests(fixture), IClassFixture<SqliteStorageFixture>;
