using System.Text.Json.Serialization;

namespace TrustBot.Journey.Steps;

/// <summary>Source-generated JSON metadata for the data of every step flow and the boundaries review.</summary>
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
[JsonSerializable(typeof(SpaceData))]
[JsonSerializable(typeof(WorkOnYourselfData))]
[JsonSerializable(typeof(SmallWinsData))]
[JsonSerializable(typeof(PatienceData))]
internal sealed partial class StepsJson : JsonSerializerContext
{
}
