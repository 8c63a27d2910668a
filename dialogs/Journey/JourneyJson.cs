using System.Text.Json.Serialization;
using TrustBot.Dialogs;

namespace TrustBot.Journey;

/// <summary>Source-generated JSON metadata for the journey's state, its records and the data of the flows that are not steps.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(JourneyProfile))]
[JsonSerializable(typeof(DialogState))]
[JsonSerializable(typeof(JournalEntry))]
[JsonSerializable(typeof(CheckInRecord))]
[JsonSerializable(typeof(WinRecord))]
[JsonSerializable(typeof(BoundaryRecord))]
[JsonSerializable(typeof(ApologyDraft))]
[JsonSerializable(typeof(PlannedTalk))]
[JsonSerializable(typeof(SafetyEvent))]
[JsonSerializable(typeof(ConsentRecord))]
[JsonSerializable(typeof(Schema.ConversationReference))]
[JsonSerializable(typeof(OnboardingData))]
[JsonSerializable(typeof(SettingsData))]
[JsonSerializable(typeof(JoinMark))]
[JsonSerializable(typeof(SettingsChangeData))]
[JsonSerializable(typeof(WinsData))]
[JsonSerializable(typeof(CheckInData))]
internal sealed partial class JourneyJson : JsonSerializerContext
{
}
