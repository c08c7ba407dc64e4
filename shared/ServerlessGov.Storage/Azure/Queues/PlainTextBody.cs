using System.Text;

namespace ServerlessGov.Storage.Azure.Queues;

/// <summary>
/// Under <c>messageEncoding: none</c> a body travels as XML text, which the SDK makes from the bytes as UTF-8. The
/// port promises that a body reads back exactly or is refused, so bytes that are not valid UTF-8, or text XML cannot
/// carry, are refused before sending.
/// </summary>
internal static class PlainTextBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <exception cref="StorageException"><see cref="StorageErrorKind.InvalidInput"/> when the encoding is <c>none</c> and the body is not valid UTF-8 XML text.</exception>
    public static void ValidateFor(QueueMessageEncoding encoding, BinaryData body)
    {
        if (encoding != QueueMessageEncoding.None)
        {
            return;
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
    }
}
