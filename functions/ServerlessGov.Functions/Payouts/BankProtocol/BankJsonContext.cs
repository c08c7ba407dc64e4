using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessGov.Functions.Payouts.BankProtocol;

/// <summary>Source-generated JSON for the bank protocol (camelCase, as on the wire).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(BankPaymentRequest))]
[JsonSerializable(typeof(BankPaymentAccepted))]
[JsonSerializable(typeof(BankPaymentStatus))]
[JsonSerializable(typeof(List<BankPaymentStatus>))]
[JsonSerializable(typeof(BankPaymentCallback))]
[JsonSerializable(typeof(BankProblem))]
public sealed partial class BankJsonContext : JsonSerializerContext;
