using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessGov.Functions.Enterprises;

/// <summary>Source-generated JSON for the feature's queue message, event data and API answers (enums as their names).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(PolicyMatchNotification))]
[JsonSerializable(typeof(PolicyMatchedEventData))]
[JsonSerializable(typeof(EnterpriseDelivery))]
[JsonSerializable(typeof(IReadOnlyList<EnterpriseDelivery>))]
[JsonSerializable(typeof(ValidationAnswer))]
[JsonSerializable(typeof(Profiles.EnterpriseProfile))]
[JsonSerializable(typeof(Matching.EnterpriseShardWork))]
[JsonSerializable(typeof(Digests.WeeklyDigestRequest))]
[JsonSerializable(typeof(Digests.WeeklyDigestEventData))]
[JsonSerializable(typeof(Webhooks.EnterpriseWebhook))]
[JsonSerializable(typeof(Webhooks.WebhookRegistration))]
[JsonSerializable(typeof(ServerlessGov.Hosting.Queues.PoisonMessage))]
internal sealed partial class EnterpriseJson : JsonSerializerContext;
