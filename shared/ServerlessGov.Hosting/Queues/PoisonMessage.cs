using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessGov.Hosting.Queues;

/// <summary>
/// What a <c>&lt;queue&gt;-poison</c> message holds: the original body (as text when it is UTF-8, else base64) and
/// why it was given up on, so an operator can read the reason and re-send <see cref="Body"/> to the original queue.
/// </summary>
public sealed record PoisonMessage
{
    /// <summary>The function that gave up.</summary>
    public required string FunctionName { get; init; }

    /// <summary>The queue the message came from.</summary>
    public required string Queue { get; init; }

    /// <summary>The original message's id.</summary>
    public required string MessageId { get; init; }

    /// <summary>How many times it had been received.</summary>
    public required long DequeueCount { get; init; }

    /// <summary>When it was first sent.</summary>
    public required DateTimeOffset InsertedOn { get; init; }

    /// <summary>When it was moved to poison.</summary>
    public required DateTimeOffset PoisonedOn { get; init; }

    /// <summary>Why: the last failure's exception type and message, or why the body could not be read.</summary>
    public required string Reason { get; init; }

    /// <summary>The original body, when it is valid UTF-8 text.</summary>
    public string? Body { get; init; }

    /// <summary>The original body in base64, when it is not UTF-8 text.</summary>
    public string? BodyBase64 { get; init; }

    /// <summary>Reads a poison queue message back.</summary>
    /// <exception cref="JsonException">The body is not a poison message.</exception>
    public static PoisonMessage Parse(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return JsonSerializer.Deserialize(body, PoisonMessageJsonContext.Default.PoisonMessage)
            ?? throw new JsonException("The body is JSON null, not a poison message.");
    }

    /// <summary>The original body's bytes.</summary>
    public BinaryData GetOriginalBody() =>
        BodyBase64 is not null ? BinaryData.FromBytes(Convert.FromBase64String(BodyBase64)) : BinaryData.FromString(Body ?? string.Empty);

    internal BinaryData ToBinaryData() => BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(this, PoisonMessageJsonContext.Default.PoisonMessage));

    internal static (string? Text, string? Base64) Encode(BinaryData body)
    {
        var bytes = body.ToMemory();
        try
        {
            return (new UTF8Encoding(false, true).GetString(bytes.Span), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Convert.ToBase64String(bytes.Span));
        }
    }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PoisonMessage))]
internal sealed partial class PoisonMessageJsonContext : JsonSerializerContext;
