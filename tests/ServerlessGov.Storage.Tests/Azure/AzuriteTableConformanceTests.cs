using ServerlessGov.Storage.Tests.Conformance;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>The table conformance suite against the Azure adapter on a real Azurite.</summary>
public sealed class AzuriteTableConformanceTests(AzuriteStorageFixture fixture)
    : TableConformanceTests(fixture), IClassFixture<AzuriteStorageFixture>;
