using System.Security.Cryptography;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using ServerlessGov.Storage.Azure;
using ServerlessGov.Storage.Tests.Azure.Fakes;
using ServerlessGov.Testing.Azurite;
using ServerlessGov.Testing.Storage;

namespace ServerlessGov.Storage.Tests.Azure;

/// <summary>The account key as Azurite checks it, bearer tokens for identity-based connections, and failing at start without a credential.</summary>
public sealed class AzureAuthenticationTests(AzuriteStorageFixture fixture) : IClassFixture<AzuriteStorageFixture>
{
    private static AzureStorageSettings IdentitySettings() =>
        AzureStorageSettings.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection([new("AzureWebJobsStorage:accountName", "payouts")])
            .Build());

    [Fact]
    public async Task AccountKey_Wrong_IsRejectedByTheServiceForTablesAndQueues()
    {
        var wrongKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var settings = AzureStorageSettings.FromConnectionString(
            $"AccountName=devstoreaccount1;AccountKey={wrongKey};" +
            $"TableEndpoint=http://127.0.0.1:{fixture.Server.TablePort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{fixture.Server.QueuePort}/devstoreaccount1");
        var storage = await AzureStorage.CreateAsync(settings);

        var tableError = await Assert.ThrowsAsync<StorageException>(() => storage.GetTable(UniqueNames.Table()).CreateIfNotExistsAsync());
        var queueError = await Assert.ThrowsAsync<StorageException>(() => storage.GetQueue(UniqueNames.Queue()).CreateIfNotExistsAsync());

        Assert.Equal(403, tableError.Status);
        Assert.Equal(403, queueError.Status);
    }

    [Fact]
    public async Task IdentityConnection_TokenAvailable_SendsItAsBearerForTheStorageScope()
    {
        var credential = new FixedTokenCredential();
        var transport = new CapturingTransport(_ => new CannedResponse(201));
        var storage = await AzureStorage.CreateAsync(IdentitySettings(), new AzureStorageClientOptions { Credential = credential, Transport = transport });

        Assert.True(await storage.GetQueue("payouts-due").CreateIfNotExistsAsync());

        var (method, uri, headers) = Assert.Single(transport.Requests);
        Assert.Equal("PUT", method);
        Assert.Equal(new Uri("https://payouts.queue.core.windows.net/payouts-due"), uri);
        Assert.Equal("Bearer token-for-storage", headers["Authorization"]);
        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
    }

    [Fact]
    public async Task CreateAsync_IdentityConnectionWithNoCredentialAvailable_FailsAtStartNamingTheSetting()
    {
        // DefaultAzureCredential limited to the environment credential: nothing here probes a metadata endpoint.
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ExcludeManagedIdentityCredential = true,
            ExcludeWorkloadIdentityCredential = true,
            ExcludeAzureCliCredential = true,
            ExcludeAzureDeveloperCliCredential = true,
            ExcludeAzurePowerShellCredential = true,
            ExcludeVisualStudioCredential = true,
            ExcludeVisualStudioCodeCredential = true,
            ExcludeInteractiveBrowserCredential = true,
        });
        var transport = new CapturingTransport(_ => new CannedResponse(201));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AzureStorage.CreateAsync(IdentitySettings(), new AzureStorageClientOptions { Credential = credential, Transport = transport }));

        Assert.Contains("'AzureWebJobsStorage'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("payouts", ex.Message, StringComparison.Ordinal);
        Assert.Empty(transport.Requests);
    }

    [Fact]
    public async Task CreateAsync_CredentialThatNeverAnswers_FailsAtStartAfterTheCheckTimeout()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AzureStorage.CreateAsync(IdentitySettings(), new AzureStorageClientOptions
            {
                Credential = new HangingTokenCredential(),
                CredentialCheckTimeout = TimeSpan.FromMilliseconds(300),
            }));

        Assert.Contains("produced no token", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FixedTokenCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            return new AccessToken("token-for-storage", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed class HangingTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
