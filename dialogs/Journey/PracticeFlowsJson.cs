using System.Text.Json.Serialization;

namespace TrustBot.Journey;

/// <summary>Source-generated JSON metadata for the data of steps 5–8, check-ins and small wins.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(SpaceData))]
[JsonSerializable(typeof(WorkOnYourselfData))]
[JsonSerializable(typeof(SmallWinsData))]
[JsonSerializable(typeof(WinsData))]
[JsonSerializable(typeof(PatienceData))]
[JsonSerializable(typeof(CheckInData))]
public sealed partial class PracticeFlowsJson : JsonSerializerContext
{
}
