using System.Text.RegularExpressions;

namespace ServerlessGov.Storage.Tables;

/// <summary>
/// Azure Table storage's limits, checked the same way by every adapter before anything is written, so that a
/// write that succeeds on SQLite cannot fail on Azure for size or naming.
/// </summary>
public static partial class TableRules
{
    /// <summary>Largest partition or row key, in UTF-16 code units (Azure: 1 KiB).</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>Largest entity, computed with Azure's published size formula (1 MiB).</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>Most custom properties per entity (255 less the three system properties).</summary>
    public const int MaxCustomProperties = 252;

    /// <summary>Largest string or binary property, in bytes (64 KiB; a string counts two bytes per UTF-16 unit).</summary>
    public const int MaxPropertyBytes = 64 * 1024;

    /// <summary>Longest property name.</summary>
    public const int MaxPropertyNameLength = 255;

    /// <summary>Most operations in one batch.</summary>
    public const int MaxBatchOperations = 100;

    /// <summary>Largest batch, summing the entities' sizes (4 MiB).</summary>
    public const int MaxBatchBytes = 4 * 1024 * 1024;

    /// <summary>Rejects a table name Azure would reject: 3–63 letters and digits, starting with a letter, not "tables".</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/>.</exception>
    public static void ValidateTableName(string name)
    {
        if (name is null || !TableNamePattern().IsMatch(name) || string.Equals(name, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("InvalidTableName",
                $"Table name '{name}' is invalid: use 3–63 letters and digits, starting with a letter (and not 'tables').");
        }
    }

    /// <summary>Rejects a partition or row key Azure would reject: over 1 KiB, or containing / \ # ? or a control character.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/>.</exception>
    public static void ValidateKey(string key, string keyName)
    {
        if (key is null)
        {
            throw Invalid("InvalidInput", $"{keyName} is required.");
        }

        if (key.Length > MaxKeyLength)
        {
            throw Invalid("KeyValueTooLarge", $"{keyName} is {key.Length} characters long; the limit is {MaxKeyLength}.");
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw Invalid("InvalidInput",
                    $"{keyName} contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}', which is not allowed in keys (/ \\ # ? and control characters).");
            }
        }
    }

    /// <summary>Checks keys, property names, types and every size limit, and returns the entity's size in bytes.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/> or <see cref="StorageErrorKind.TooLarge"/>.</exception>
    public static int ValidateEntity(TableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ValidateKey(entity.PartitionKey, TableFilterNames.PartitionKey);
        ValidateKey(entity.RowKey, TableFilterNames.RowKey);
        if (entity.Count > MaxCustomProperties)
        {
            throw new StorageException(StorageErrorKind.TooLarge, 400, "TooManyProperties",
                $"Entity has {entity.Count} properties; the limit is {MaxCustomProperties}.");
        }

        long size = 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2L);
        foreach (var (name, value) in entity)
        {
            ValidatePropertyName(name);
            var valueBytes = value switch
            {
                string s => 4 + (s.Length * 2L),
                byte[] b => 4 + b.LongLength,
                bool => 1,
                int => 4,
                long or double or DateTimeOffset => 8,
                Guid => 16,
                _ => throw Invalid("InvalidInput", $"Property '{name}' has an unsupported type."),
            };
            if (value is string str && str.Length * 2L > MaxPropertyBytes)
            {
                throw new StorageException(StorageErrorKind.TooLarge, 400, "PropertyValueTooLarge",
                    $"Property '{name}' is {str.Length * 2L} bytes as UTF-16; the limit is {MaxPropertyBytes}.");
            }

            if (value is byte[] bytes && bytes.Length > MaxPropertyBytes)
            {
                throw new StorageException(StorageErrorKind.TooLarge, 400, "PropertyValueTooLarge",
                    $"Property '{name}' is {bytes.Length} bytes; the limit is {MaxPropertyBytes}.");
            }

            size += 8 + (name.Length * 2L) + valueBytes;
        }

        if (size > MaxEntityBytes)
        {
            throw new StorageException(StorageErrorKind.TooLarge, 413, "EntityTooLarge",
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) is {size} bytes; the limit is {MaxEntityBytes}.");
        }

        return (int)size;
    }

    /// <summary>Checks a batch: 1–100 operations, one partition, each entity once, each entity valid, at most 4 MiB.</summary>
    /// <exception cref="StorageException">With <see cref="StorageException.FailedIndex"/> set when one operation is to blame.</exception>
    public static void ValidateBatch(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxBatchOperations)
        {
            throw Invalid("InvalidInput", $"A batch holds 1–{MaxBatchOperations} operations; this one has {actions.Count}.");
        }

        var partitionKey = actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            try
            {
                if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
                {
                    throw Invalid("CommandsInBatchActOnDifferentPartitions",
                        $"Operation {i} is on partition '{action.Entity.PartitionKey}', but a batch must stay in partition '{partitionKey}'.");
                }

                if (!rowKeys.Add(action.Entity.RowKey))
                {
                    throw Invalid("InvalidDuplicateRow",
                        $"Operation {i} names row '{action.Entity.RowKey}' again; each entity may appear once per batch.");
                }

                total += action.ActionType == TableTransactionActionType.Delete
                    ? ValidateKeysOnly(action.Entity)
                    : ValidateEntity(action.Entity);
            }
            catch (StorageException ex) when (ex.FailedIndex is null)
            {
                throw new StorageException(ex.Kind, ex.Status, ex.ErrorCode, $"{i}:{ex.Message}", ex) { FailedIndex = i };
            }
        }

        if (total > MaxBatchBytes)
        {
            throw new StorageException(StorageErrorKind.TooLarge, 413, "RequestBodyTooLarge",
                $"The batch is {total} bytes; the limit is {MaxBatchBytes}.");
        }
    }

    private static int ValidateKeysOnly(TableEntity entity)
    {
        ValidateKey(entity.PartitionKey, TableFilterNames.PartitionKey);
        ValidateKey(entity.RowKey, TableFilterNames.RowKey);
        return 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2);
    }

    private static void ValidatePropertyName(string name)
    {
        if (name.Length is 0 or > MaxPropertyNameLength || !PropertyNamePattern().IsMatch(name))
        {
            throw Invalid("PropertyNameInvalid",
                $"Property name '{name}' is invalid: use 1–{MaxPropertyNameLength} letters, digits and underscores, starting with a letter or underscore.");
        }

        if (name is TableFilterNames.PartitionKey or TableFilterNames.RowKey or TableFilterNames.Timestamp or "ETag")
        {
            throw Invalid("PropertyNameInvalid", $"Property name '{name}' is reserved for a system property.");
        }
    }

    private static StorageException Invalid(string code, string message) =>
        new(StorageErrorKind.InvalidInput, 400, code, message);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex TableNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PropertyNamePattern();
}
