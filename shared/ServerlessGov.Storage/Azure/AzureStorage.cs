using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ServerlessGov.Storage.Azure.Pipeline;
using ServerlessGov.Storage.Azure.Queues;
using ServerlessGov.Storage.Azure.Tables;
using ServerlessGov.Storage.Queues;
using ServerlessGov.Storage.Tables;
using SdkMessageEncoding = Azure.Storage.Queues.QueueMessageEncoding;

namespace ServerlessGov.Storage.Azure;

/// <summary>
/// The Azure Storage adapter of the storage ports: a thin mapping onto Microsoft's <c>Azure.Data.Tables</c> and
/// <c>Azure.Storage.Queues</c> clients, authorized with the account key or with Entra ID tokens from
/// <c>Azure.Identity</c>. Thread-safe; create one per process with <see cref="CreateAsync"/>.
/// </summary>
/// <remarks>
/// Retries are the SDK's: transport failures and 408/429/500/502/503/504 are retried with exponential backoff that
/// honours <c>Retry-After</c>. A retried write can meet its own earlier, successful attempt: an insert then fails with
/// <see cref="StorageErrorKind.AlreadyExists"/> (the message says how many attempts were made). The adapter does not
/// guess whether the existing entity is the caller's own; callers that need idempotent inserts read the entity back
/// and compare it with what they wrote (see docs/STORAGE.md).
/// </remarks>
public sealed class AzureStorage : ITableStore, IQueueStore
{
    /// <summary>The Entra ID scope of Azure Storage, for the start-up token check.</summary>
    private const string StorageScope = "https://storage.azure.com/.default";

    private readonly TableServiceClient _tables;
    private readonly QueueServiceClient _queues;
    private readonly QueueMessageEncoding _encoding;

    private AzureStorage(AzureStorageSettings settings, AzureStorageClientOptions options, TokenCredential? credential, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger<AzureStorage>();
        var tableOptions = options.Apply(new TableClientOptions());
        tableOptions.AddPolicy(new AttemptPolicy("table", logger), HttpPipelinePosition.PerRetry);
        _encoding = settings.MessageEncoding;
        var queueOptions = options.Apply(new QueueClientOptions
        {
            MessageEncoding = _encoding == QueueMessageEncoding.Base64 ? SdkMessageEncoding.Base64 : SdkMessageEncoding.None,
        });
        queueOptions.AddPolicy(new AttemptPolicy("queue", logger), HttpPipelinePosition.PerRetry);
        if (settings.AccountKey is { } key)
        {
            var base64Key = Convert.ToBase64String(key);
            _tables = new TableServiceClient(settings.TableServiceUri, new TableSharedKeyCredential(settings.AccountName, base64Key), tableOptions);
            _queues = new QueueServiceClient(settings.QueueServiceUri, new StorageSharedKeyCredential(settings.AccountName, base64Key), queueOptions);
        }
        else
        {
            var token = credential ?? throw new InvalidOperationException("An identity-based connection needs a credential.");
            _tables = new TableServiceClient(settings.TableServiceUri, token, tableOptions);
            _queues = new QueueServiceClient(settings.QueueServiceUri, token, queueOptions);
        }
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
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new AzureStorageClientOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        TokenCredential? credential = null;
        if (!settings.UsesAccountKey)
        {
            credential = options.Credential ?? settings.CreateCredential();
            await CheckCredentialAsync(settings, credential, options.CredentialCheckTimeout, cancellationToken).ConfigureAwait(false);
        }

        var storage = new AzureStorage(settings, options, credential, loggerFactory);
        var authentication = settings.UsesAccountKey ? "account key" : "Entra ID token";
        var logger = loggerFactory.CreateLogger<AzureStorage>();
        Logs.Ready(logger, settings.AccountName, authentication);
        return storage;
    }

    /// <inheritdoc/>
    public ITable GetTable(string name)
    {
        TableRules.ValidateTableName(name);
        return new AzureTable(_tables.GetTableClient(name.ToLowerInvariant()), name);
    }

    /// <inheritdoc/>
    public IQueue GetQueue(string name)
    {
        QueueRules.ValidateQueueName(name);
        return new AzureQueue(_queues.GetQueueClient(name), _encoding);
    }

    private static async Task CheckCredentialAsync(AzureStorageSettings settings, TokenCredential credential, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var which = settings.UseManagedIdentity
            ? $"the managed identity named by '{settings.Source}__credential'{(settings.ManagedIdentityClientId is null ? string.Empty : $" and '{settings.Source}__clientId'")}"
            : "DefaultAzureCredential (environment, workload identity, managed identity, developer tools)";
        try
        {
            await credential.GetTokenAsync(new TokenRequestContext([StorageScope]), deadline.Token).ConfigureAwait(false);
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
