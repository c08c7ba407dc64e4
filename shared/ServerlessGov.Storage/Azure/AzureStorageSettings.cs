using System.Diagnostics.CodeAnalysis;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace ServerlessGov.Storage.Azure;

/// <summary>
/// Where the storage account is and how to authenticate, read from configuration the way Azure Functions reads
/// <c>AzureWebJobsStorage</c>: a connection string, or the identity-based <c>__accountName</c> /
/// <c>__tableServiceUri</c> / <c>__queueServiceUri</c> / <c>__credential</c> form.
/// </summary>
public sealed record AzureStorageSettings
{
    /// <summary>The account name and key Azurite and the storage emulator accept.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    internal const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private AzureStorageSettings(string accountName, Uri tableServiceUri, Uri queueServiceUri, byte[]? accountKey, string? managedIdentityClientId, bool useManagedIdentity, string source)
    {
        AccountName = accountName;
        TableServiceUri = tableServiceUri;
        QueueServiceUri = queueServiceUri;
        AccountKey = accountKey;
        ManagedIdentityClientId = managedIdentityClientId;
        UseManagedIdentity = useManagedIdentity;
        Source = source;
    }

    /// <summary>The storage account's name, used in Shared Key signatures.</summary>
    public string AccountName { get; }

    /// <summary>The table service endpoint (for Azurite, path-style: <c>http://127.0.0.1:10002/devstoreaccount1</c>).</summary>
    public Uri TableServiceUri { get; }

    /// <summary>The queue service endpoint.</summary>
    public Uri QueueServiceUri { get; }

    /// <summary>
    /// The credential an identity-based connection authenticates with, as Azure Functions picks it: the managed identity
    /// (<c>__credential</c> = <c>managedidentity</c>, user-assigned when <c>__clientId</c> names it, else system-assigned),
    /// otherwise <see cref="DefaultAzureCredential"/> (a developer's sign-in, environment variables…).
    /// </summary>
    public TokenCredential CreateCredential() =>
        UseManagedIdentity
            ? new ManagedIdentityCredential(ManagedIdentityClientId is { } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned)
            : new DefaultAzureCredential();

    /// <summary>True when requests are signed with the account key; false when they carry Entra ID tokens.</summary>
    public bool UsesAccountKey => AccountKey is not null;

    /// <summary>True when the settings ask for a managed identity (<c>__credential = managedidentity</c>) rather than <c>DefaultAzureCredential</c>.</summary>
    public bool UseManagedIdentity { get; }

    /// <summary>The user-assigned managed identity's client id (<c>__clientId</c>), or null for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; }

    /// <summary>How queue message bodies are encoded (host.json's <c>messageEncoding</c>); base64 unless set.</summary>
    public QueueMessageEncoding MessageEncoding { get; init; } = QueueMessageEncoding.Base64;

    /// <summary>The configuration key the settings came from, for error messages.</summary>
    public string Source { get; }

    internal byte[]? AccountKey { get; }

    /// <summary>Reads the settings from configuration under <paramref name="connectionName"/>.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or malformed; the message names the key.</exception>
    public static AzureStorageSettings FromConfiguration(IConfiguration configuration, string connectionName = "AzureWebJobsStorage")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionName);

        var connectionString = configuration.GetConnectionString(connectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString, $"ConnectionStrings:{connectionName}");
        }

        var section = configuration.GetSection(connectionName);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value, connectionName);
        }

        if (!section.GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"Storage setting '{connectionName}' is missing: set it to a connection string (e.g. 'UseDevelopmentStorage=true'), " +
                $"or set '{connectionName}__accountName' (or '{connectionName}__tableServiceUri' and '{connectionName}__queueServiceUri') for an identity-based connection.");
        }

        return FromIdentitySection(section, connectionName);
    }

    /// <summary>Parses a storage connection string (<c>UseDevelopmentStorage=true</c> or <c>AccountName=…;AccountKey=…;…</c>).</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="settingName">The key it came from, named in error messages.</param>
    /// <exception cref="InvalidOperationException">The string is malformed; the message names <paramref name="settingName"/> and the part at fault.</exception>
    public static AzureStorageSettings FromConnectionString(string connectionString, string settingName = "AzureWebJobsStorage")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Bad(settingName, $"the part '{Redact(segment)}' is not of the form Name=Value");
            }

            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var development))
        {
            if (!bool.TryParse(development, out var useDevelopment) || !useDevelopment)
            {
                throw Bad(settingName, $"UseDevelopmentStorage must be 'true', not '{development}'");
            }

            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var proxyText)
                ? ParseUri(proxyText, settingName, "DevelopmentStorageProxyUri")
                : new Uri("http://127.0.0.1");
            return new AzureStorageSettings(
                DevelopmentAccountName,
                new Uri($"{proxy.Scheme}://{proxy.Host}:10002/{DevelopmentAccountName}"),
                new Uri($"{proxy.Scheme}://{proxy.Host}:10001/{DevelopmentAccountName}"),
                Convert.FromBase64String(DevelopmentAccountKey),
                managedIdentityClientId: null,
                useManagedIdentity: false,
                settingName);
        }

        if (parts.ContainsKey("SharedAccessSignature"))
        {
            throw Bad(settingName, "SharedAccessSignature connection strings are not supported; use AccountName and AccountKey, or an identity-based connection");
        }

        if (!parts.TryGetValue("AccountName", out var accountName) || string.IsNullOrWhiteSpace(accountName))
        {
            throw Bad(settingName, "AccountName is missing");
        }

        if (!parts.TryGetValue("AccountKey", out var keyText) || string.IsNullOrWhiteSpace(keyText))
        {
            throw Bad(settingName, "AccountKey is missing");
        }

        if (!TryFromBase64(keyText, out var key))
        {
            throw Bad(settingName, "AccountKey is not valid base64");
        }

        var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
        if (protocol is not ("https" or "http"))
        {
            throw Bad(settingName, $"DefaultEndpointsProtocol must be 'https' or 'http', not '{protocol}'");
        }

        var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
        var tableUri = parts.TryGetValue("TableEndpoint", out var tableText)
            ? ParseUri(tableText, settingName, "TableEndpoint")
            : ParseUri($"{protocol}://{accountName}.table.{suffix}", settingName, "EndpointSuffix");
        var queueUri = parts.TryGetValue("QueueEndpoint", out var queueText)
            ? ParseUri(queueText, settingName, "QueueEndpoint")
            : ParseUri($"{protocol}://{accountName}.queue.{suffix}", settingName, "EndpointSuffix");
        return new AzureStorageSettings(accountName, tableUri, queueUri, key, managedIdentityClientId: null, useManagedIdentity: false, settingName);
    }

    private static AzureStorageSettings FromIdentitySection(IConfigurationSection section, string connectionName)
    {
        var accountName = section["accountName"];
        var tableText = section["tableServiceUri"];
        var queueText = section["queueServiceUri"];
        Uri tableUri;
        Uri queueUri;
        if (!string.IsNullOrWhiteSpace(accountName))
        {
            if (!IsAccountName(accountName))
            {
                throw new InvalidOperationException(
                    $"Setting '{connectionName}__accountName' is '{accountName}': a storage account name is 3–24 lowercase letters and digits.");
            }

            tableUri = string.IsNullOrWhiteSpace(tableText)
                ? new Uri($"https://{accountName}.table.core.windows.net")
                : ParseIdentityUri(tableText, connectionName, "tableServiceUri");
            queueUri = string.IsNullOrWhiteSpace(queueText)
                ? new Uri($"https://{accountName}.queue.core.windows.net")
                : ParseIdentityUri(queueText, connectionName, "queueServiceUri");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(tableText))
            {
                throw new InvalidOperationException(
                    $"Setting '{connectionName}__tableServiceUri' is missing: an identity-based connection needs '{connectionName}__accountName', or both '{connectionName}__tableServiceUri' and '{connectionName}__queueServiceUri'.");
            }

            if (string.IsNullOrWhiteSpace(queueText))
            {
                throw new InvalidOperationException(
                    $"Setting '{connectionName}__queueServiceUri' is missing: an identity-based connection needs '{connectionName}__accountName', or both '{connectionName}__tableServiceUri' and '{connectionName}__queueServiceUri'.");
            }

            tableUri = ParseIdentityUri(tableText, connectionName, "tableServiceUri");
            queueUri = ParseIdentityUri(queueText, connectionName, "queueServiceUri");
            accountName = AccountNameFromHost(tableUri)
                ?? throw new InvalidOperationException(
                    $"Setting '{connectionName}__tableServiceUri' ('{tableUri}') does not name the account in its host (<account>.table.…); set '{connectionName}__accountName' too.");
        }

        var credential = section["credential"];
        var clientId = section["clientId"];
        bool managedIdentity;
        if (string.IsNullOrWhiteSpace(credential))
        {
            managedIdentity = false;
        }
        else if (string.Equals(credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            managedIdentity = true;
        }
        else
        {
            throw new InvalidOperationException(
                $"Setting '{connectionName}__credential' is '{credential}': the only supported value is 'managedidentity' (leave it unset for DefaultAzureCredential).");
        }

        if (!string.IsNullOrWhiteSpace(clientId) && !managedIdentity)
        {
            throw new InvalidOperationException(
                $"Setting '{connectionName}__clientId' is set, but '{connectionName}__credential' is not 'managedidentity'; a client id selects a user-assigned managed identity.");
        }

        return new AzureStorageSettings(
            accountName, tableUri, queueUri, accountKey: null,
            string.IsNullOrWhiteSpace(clientId) ? null : clientId, managedIdentity, connectionName);
    }

    private static Uri ParseIdentityUri(string text, string connectionName, string key)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "https")
        {
            throw new InvalidOperationException(
                $"Setting '{connectionName}__{key}' is '{text}': it must be an absolute https URL (Entra ID tokens are only sent over TLS).");
        }

        return uri;
    }

    private static Uri ParseUri(string text, string settingName, string part)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw Bad(settingName, $"{part} '{text}' is not an absolute http(s) URL");
        }

        return uri;
    }

    private static string? AccountNameFromHost(Uri uri)
    {
        var dot = uri.Host.IndexOf('.', StringComparison.Ordinal);
        var first = dot > 0 ? uri.Host[..dot] : null;
        return first is not null && IsAccountName(first) && uri.HostNameType == UriHostNameType.Dns ? first : null;
    }

    private static bool IsAccountName(string name) =>
        name.Length is >= 3 and <= 24 && name.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));

    private static bool TryFromBase64(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written) && written > 0)
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = null;
        return false;
    }

    private static string Redact(string segment) =>
        segment.StartsWith("AccountKey", StringComparison.OrdinalIgnoreCase) ? "AccountKey…" : segment;

    private static InvalidOperationException Bad(string settingName, string problem) =>
        new($"Storage setting '{settingName}' is not a valid connection string: {problem}.");
}
