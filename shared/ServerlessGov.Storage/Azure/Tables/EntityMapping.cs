using ServerlessGov.Storage.Tables;
using SdkEntity = Azure.Data.Tables.TableEntity;

namespace ServerlessGov.Storage.Azure.Tables;

/// <summary>
/// The port's <see cref="TableEntity"/> to the SDK's and back. The SDK writes the EDM type annotations and reads
/// them; what is left here is non-finite doubles (which the SDK cannot write) and the port's value types: instants as UTC <see cref="DateTimeOffset"/>, binary as
/// <c>byte[]</c>, and the system properties kept apart from the custom ones.
/// </summary>
internal static class EntityMapping
{
    private const string ETagProperty = "odata.etag";
    private const string DoubleAnnotationSuffix = "@odata.type";

    public static SdkEntity ToSdk(TableEntity entity)
    {
        var sdk = new SdkEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity)
        {
            if (value is double number && !double.IsFinite(number))
            {
                // JSON has no literal for these: the service takes them as strings annotated Edm.Double, which the SDK
                // cannot write from a double, so the annotation is given explicitly.
                sdk[name] = double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity";
                sdk[name + DoubleAnnotationSuffix] = "Edm.Double";
                continue;
            }

            sdk[name] = value;
        }

        return sdk;
    }

    public static TableEntity FromSdk(SdkEntity sdk)
    {
        var entity = new TableEntity(sdk.PartitionKey, sdk.RowKey)
        {
            Timestamp = sdk.Timestamp?.ToUniversalTime(),
            ETag = string.IsNullOrEmpty(sdk.ETag.ToString()) ? default : new ETag(sdk.ETag.ToString()),
        };
        foreach (var (name, value) in sdk)
        {
            if (name is TableFilterNames.PartitionKey or TableFilterNames.RowKey or TableFilterNames.Timestamp or ETagProperty || value is null)
            {
                continue;
            }

            entity[name] = value switch
            {
                DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
                BinaryData bytes => bytes.ToArray(),
                _ => value,
            };
        }

        return entity;
    }
}
