using System.Text.RegularExpressions;

namespace ServerlessGov.Storage.Queues;

/// <summary>
/// Azure Queue storage's limits, checked the same way by every adapter, so a send that succeeds on SQLite cannot
/// fail on Azure.
/// </summary>
public static partial class QueueRules
{
    /// <summary>
    /// Largest message body in bytes: 48 KiB, which is what fits Azure's 64 KiB limit once base64-encoded (the
    /// default encoding), so the same body is accepted by every adapter and either encoding.
    /// </summary>
    public const int MaxMessageBytes = 48 * 1024;

    /// <summary>Most messages one receive or peek returns.</summary>
    public const int MaxMessagesPerReceive = 32;

    /// <summary>Longest visibility timeout or initial delay.</summary>
    public static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    /// <summary>The visibility timeout of a receive that names none.</summary>
    public static readonly TimeSpan DefaultVisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The time-to-live of a send that names none, as in Azure.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromDays(7);

    /// <summary>The time-to-live that means "never expires" (Azure's <c>messagettl=-1</c>).</summary>
    public static readonly TimeSpan NoExpiry = Timeout.InfiniteTimeSpan;

    /// <summary>Rejects a queue name Azure would reject: 3–63 lowercase letters, digits and single hyphens, not at either end.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/>.</exception>
    public static void ValidateQueueName(string name)
    {
        if (name is null || !QueueNamePattern().IsMatch(name) || name.Contains("--", StringComparison.Ordinal))
        {
            throw Invalid("InvalidQueueName",
                $"Queue name '{name}' is invalid: use 3–63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.");
        }
    }

    /// <summary>Checks a send's body size, delay and time-to-live.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.TooLarge"/> or <see cref="StorageErrorKind.InvalidInput"/>.</exception>
    public static void ValidateSend(BinaryData body, TimeSpan? visibilityDelay, TimeSpan? timeToLive)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.ToMemory().Length > MaxMessageBytes)
        {
            throw new StorageException(StorageErrorKind.TooLarge, 413, "MessageTooLarge",
                $"The message is {body.ToMemory().Length} bytes; the limit is {MaxMessageBytes}.");
        }

        var delay = visibilityDelay ?? TimeSpan.Zero;
        if (delay < TimeSpan.Zero || delay > MaxVisibility)
        {
            throw Invalid("OutOfRangeQueryParameterValue", $"visibilityDelay is {delay}; it must be between 0 and 7 days.");
        }

        if (timeToLive is { } ttl && ttl != NoExpiry)
        {
            if (ttl < TimeSpan.FromSeconds(1))
            {
                throw Invalid("OutOfRangeQueryParameterValue", $"timeToLive is {ttl}; it must be at least 1 second, or NoExpiry.");
            }

            if (delay >= ttl)
            {
                throw Invalid("OutOfRangeQueryParameterValue", $"visibilityDelay ({delay}) must be shorter than timeToLive ({ttl}).");
            }
        }
    }

    /// <summary>Checks a receive's message count and visibility timeout.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/>.</exception>
    public static void ValidateReceive(int maxMessages, TimeSpan? visibilityTimeout)
    {
        ValidateCount(maxMessages);
        var timeout = visibilityTimeout ?? DefaultVisibilityTimeout;
        if (timeout < TimeSpan.FromSeconds(1) || timeout > MaxVisibility)
        {
            throw Invalid("OutOfRangeQueryParameterValue", $"visibilityTimeout is {timeout}; it must be between 1 second and 7 days.");
        }
    }

    /// <summary>Checks a peek's message count.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/>.</exception>
    public static void ValidateCount(int maxMessages)
    {
        if (maxMessages is < 1 or > MaxMessagesPerReceive)
        {
            throw Invalid("OutOfRangeQueryParameterValue", $"maxMessages is {maxMessages}; it must be between 1 and {MaxMessagesPerReceive}.");
        }
    }

    /// <summary>Checks an update's visibility timeout and new body.</summary>
    /// <exception cref="StorageException"><see cref="StorageErrorKind.TooLarge"/> or <see cref="StorageErrorKind.InvalidInput"/>.</exception>
    public static void ValidateUpdate(TimeSpan visibilityTimeout, BinaryData? body)
    {
        if (visibilityTimeout < TimeSpan.Zero || visibilityTimeout > MaxVisibility)
        {
            throw Invalid("OutOfRangeQueryParameterValue", $"visibilityTimeout is {visibilityTimeout}; it must be between 0 and 7 days.");
        }

        if (body is not null && body.ToMemory().Length > MaxMessageBytes)
        {
            throw new StorageException(StorageErrorKind.TooLarge, 413, "MessageTooLarge",
                $"The message is {body.ToMemory().Length} bytes; the limit is {MaxMessageBytes}.");
        }
    }

    private static StorageException Invalid(string code, string message) =>
        new(StorageErrorKind.InvalidInput, 400, code, message);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex QueueNamePattern();
}
