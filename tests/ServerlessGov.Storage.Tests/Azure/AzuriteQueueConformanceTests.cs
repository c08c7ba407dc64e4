using ServerlessGov.Storage.Tests.Conformance;
using ServerlessGov.Testing.Azurite;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>The queue conformance suite against the Azure adapter on a real Azurite.</summary>
public sealed class AzuriteQueueConformanceTests(AzuriteStorageFixture fixture)
    : QueueConformanceTests(fixture), IClassFixture<AzuriteStorageFixture>;
