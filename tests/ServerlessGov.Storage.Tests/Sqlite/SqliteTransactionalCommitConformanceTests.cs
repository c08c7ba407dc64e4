using ServerlessGov.Storage.Tests.Transactions;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Sqlite;

/// <summary>The transactional-commit conformance suite against the SQLite adapter.</summary>
public sealed class SqliteTransactionalCommitConformanceTests(SqliteStorageFixture fixture)
    : TransactionalCommitConformanceTests(fixture, fixture.Storage), IClassFixture<SqliteStorageFixture>;
