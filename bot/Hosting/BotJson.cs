using System.Text.Json.Serialization;
using TrustBot.Bot.Channel;

namespace TrustBot.Bot.Hosting;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class BotJson : JsonSerializerContext
{
}
