using System.Text.Json.Serialization;
using TrustBot.Dialogs;

namespace TrustBot.Journey;

/// <summary>Source-generated JSON metadata for the journey's state and records.</summary>
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
public sealed partial class JourneyJson : JsonSerializerContext
{
}
