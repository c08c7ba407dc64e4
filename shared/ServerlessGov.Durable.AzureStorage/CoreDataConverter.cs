namespace ServerlessGov.Durable.AzureStorage;

/// <summary>Lets DurableTask.Core's client write inputs and event payloads with the SDK's converter, as the SDK's own client does.</summary>
public sealed class CoreDataConverter(Microsoft.DurableTask.DataConverter converter) : global::DurableTask.Core.Serializing.DataConverter
{
    /// <inheritdoc/>
    public override string Serialize(object value) => converter.Serialize(value) ?? "null";

    /// <inheritdoc/>
    public override string Serialize(object value, bool formatted) => Serialize(value);

    /// <inheritdoc/>
    public override object Deserialize(string data, Type objectType) => converter.Deserialize(data, objectType)!;
}
