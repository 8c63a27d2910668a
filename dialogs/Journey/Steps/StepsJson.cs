using System.Text.Json.Serialization;

namespace TrustBot.Journey.Steps;

/// <summary>Source-generated JSON metadata for the data of steps 1–4 and the boundaries review.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AcknowledgeDamageData))]
[JsonSerializable(typeof(OpenCommunicationData))]
[JsonSerializable(typeof(StatementData))]
[JsonSerializable(typeof(BoundariesData))]
[JsonSerializable(typeof(BoundaryLoopData))]
[JsonSerializable(typeof(BoundariesReviewData))]
[JsonSerializable(typeof(BoundaryEditData))]
[JsonSerializable(typeof(ApologyData))]
[JsonSerializable(typeof(ApologyDraftData))]
[JsonSerializable(typeof(ApologyHearingData))]
public sealed partial class StepsJson : JsonSerializerContext
{
}
