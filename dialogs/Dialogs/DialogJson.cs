using System.Text.Json.Serialization;
using TrustBot.Schema;

namespace TrustBot.Dialogs;

/// <summary>Source-generated JSON metadata for the dialog engine's persisted types.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(PromptOptions))]
[JsonSerializable(typeof(DialogState))]
[JsonSerializable(typeof(Activity))]
internal sealed partial class DialogJson : JsonSerializerContext
{
}
