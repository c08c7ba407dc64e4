using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ServerlessGov.Storage.Azure.Queues;

/// <summary>The Queue service's XML: the request body of a send or update, and the message lists it returns.</summary>
internal static class QueueXml
{
    /// <summary>Azure reports "never expires" as this expiration time.</summary>
    private static readonly DateTimeOffset NeverExpires = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public static byte[] MessageBody(string messageText)
    {
        var document = new XDocument(new XElement("QueueMessage", new XElement("MessageText", messageText)));
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false }))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    public static IReadOnlyList<XElement> Messages(BinaryData body)
    {
        using var stream = body.ToStream();
        var root = XDocument.Load(stream).Root;
        return root?.Elements("QueueMessage").ToList() ?? [];
    }

    public static string Text(XElement message, string name) =>
        message.Element(name)?.Value
        ?? throw new StorageException(StorageErrorKind.Other, 500, "InvalidResponse", $"The queue service's message lacks <{name}>.");

    public static DateTimeOffset Time(XElement message, string name) => ParseTime(Text(message, name));

    public static DateTimeOffset? Expiry(XElement message)
    {
        var text = message.Element("ExpirationTime")?.Value;
        if (text is null)
        {
            return null;
        }

        var expiry = ParseTime(text);
        return expiry >= NeverExpires ? null : expiry;
    }

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
