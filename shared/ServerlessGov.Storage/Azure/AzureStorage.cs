using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessGov.Storage.Azure.Http;
using ServerlessGov.Storage.Azure.Queues;
using ServerlessGov.Storage.Azure.Tables;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;

namespace ServerlessGov.Storage.Azure;

/// <summary>
/// The Azure Storage adapter of the storage ports: tables and queues over the documented REST protocol on
/// Azure.Core's pipeline, signed with the account key (Shared Key Lite for tables, Shared Key for queues) or
/// authorized with Entra ID tokens. Thread-safe; create one per process with <see cref="CreateAsync"/>.
/// </summary>
/// <remarks>
/// Retries: transport failures and 408/429/500/502/503/504 are retried with exponential backoff that honours
/// <c>Retry-After</c>. A retried write can meet its own earlier, successful attempt: an insert then fails with
/// <see cref="StorageErrorKind.AlreadyExists"/> (the message says how many attempts were made). The adapter does not
/// guess whether the existing entity is the caller's own; callers that need idempotent inserts read the entity back
/// and compare it with what they wrote (see docs/STORAGE.md).
/// </remarks>
public sealed class AzureStorage : ITableStore, IQueueStore
{
    private readonly AzureStorageSettings _settings;
    private readonly HttpPipeline _tablePipeline;
    private readonly HttpPipeline _queuePipeline;
    private readonly MessageBodyCodec _codec;

    private AzureStorage(AzureStorageSettings settings, AzureStorageClientOptions options, TokenCredential? credential, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        _settings = settings;
        var logger = loggerFactory.CreateLogger<AzureStorage>();
        _tablePipeline = StoragePipeline.Build(options, "table", TableHeaders.ServiceVersion,
            StoragePipeline.Authentication(settings, credential, table: true), timeProvider, logger);
        _queuePipeline = StoragePipeline.Build(options, "queue", QueueService.Version,
            StoragePipeline.Authentication(settings, credential, table: false), timeProvider, logger);
        _codec = new MessageBodyCodec(settings.MessageEncoding);
    }

    /// <summary>
    /// Builds the adapter and, for an identity-based connection, obtains a first token now (within
    /// <see cref="AzureStorageClientOptions.CredentialCheckTimeout"/>), so that a deployment with no usable
    /// credential fails at start rather than on its first storage call. Account-key connections need no I/O here.
    /// </summary>
    /// <exception cref="InvalidOperationException">No credential could produce a token for Azure Storage; the message names the setting and the cause.</exception>
    public static async Task<AzureStorage> CreateAsync(
        AzureStorageSettings settings,
        AzureStorageClientOptions? options = null,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new AzureStorageClientOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        TokenCredential? credential = null;
        if (!settings.UsesAccountKey)
        {
            credential = options.Credential ?? DefaultCredential(settings);
            await CheckCredentialAsync(settings, credential, options.CredentialCheckTimeout, cancellationToken).ConfigureAwait(false);
        }

        var storage = new AzureStorage(settings, options, credential, timeProvider ?? TimeProvider.System, loggerFactory);
        var authentication = settings.UsesAccountKey ? "account key" : "Entra ID token";
        var logger = loggerFactory.CreateLogger<AzureStorage>();
        Logs.Ready(logger, settings.AccountName, authentication);
        return storage;
    }

    /// <inheritdoc/>
    public ITable GetTable(string name)
    {
        TableRules.ValidateTableName(name);
        return new AzureTable(_tablePipeline, new TableAddresses(_settings.TableServiceUri, name));
    }

    /// <inheritdoc/>
    public IQueue GetQueue(string name)
    {
        QueueRules.ValidateQueueName(name);
        return new AzureQueue(_queuePipeline, _settings.QueueServiceUri, name, _codec);
    }

    private static TokenCredential DefaultCredential(AzureStorageSettings settings) =>
        settings.UseManagedIdentity
            ? new ManagedIdentityCredential(settings.ManagedIdentityClientId is { } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();

    private static async Task CheckCredentialAsync(AzureStorageSettings settings, TokenCredential credential, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var which = settings.UseManagedIdentity
            ? $"the managed identity named by '{settings.Source}__credential'{(settings.ManagedIdentityClientId is null ? string.Empty : $" and '{settings.Source}__clientId'")}"
            : "DefaultAzureCredential (environment, workload identity, managed identity, developer tools)";
        try
        {
            await credential.GetTokenAsync(new TokenRequestContext([StoragePipeline.StorageScope]), deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException(
                $"Storage setting '{settings.Source}' names account '{settings.AccountName}' without a key, but {which} produced no token for Azure Storage within {timeout.TotalSeconds:0} s.", ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new InvalidOperationException(
                $"Storage setting '{settings.Source}' names account '{settings.AccountName}' without a key, but {which} could not get a token for Azure Storage: {ex.Message}", ex);
        }
    }
}
