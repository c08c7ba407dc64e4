using System.Text;

namespace ServerlessGov.Storage.Azure.Queues;

/// <summary>Turns message bodies into <c>MessageText</c> and back, per host.json's <c>messageEncoding</c>.</summary>
internal sealed class MessageBodyCodec(QueueMessageEncoding encoding)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/> when the encoding is <c>none</c> and the body is not valid UTF-8 XML text.</exception>
    public string Encode(BinaryData body)
    {
        if (encoding == QueueMessageEncoding.Base64)
        {
            return Convert.ToBase64String(body.ToMemory().Span);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body.ToMemory().Span);
        }
        catch (DecoderFallbackException ex)
        {
            throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidMessageContent",
                "With messageEncoding 'none' a message body must be valid UTF-8 text; use base64 encoding for binary bodies.", ex);
        }

        if (text.Any(c => !System.Xml.XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c)))
        {
            throw new StorageException(StorageErrorKind.InvalidInput, 400, "InvalidMessageContent",
                "With messageEncoding 'none' a message body cannot hold characters XML forbids (control characters other than tab, CR and LF).");
        }

        return text;
    }

    /// <exception cref="StorageException"><see cref="StorageErrorKind.Other"/> when a base64 queue holds a message that is not base64 (written by another encoder).</exception>
    public BinaryData Decode(string text)
    {
        if (encoding == QueueMessageEncoding.None)
        {
            return BinaryData.FromString(text);
        }

        try
        {
            return BinaryData.FromBytes(Convert.FromBase64String(text));
        }
        catch (FormatException ex)
        {
            throw new StorageException(StorageErrorKind.Other, 500, "InvalidMessageContent",
                "A message on this queue is not base64; it was written with messageEncoding 'none'. Read the queue with the same encoding it is written with.", ex);
        }
    }
}
