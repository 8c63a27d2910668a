using System.Text.Json.Serialization;

namespace TrustBot.Bot.DirectLine;

/// <summary>A Direct Line conversation as returned by <c>POST /conversations</c> and the token calls.</summary>
internal sealed record DirectLineConversation(
    [property: JsonPropertyName("conversationId")] string? ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl")] string? StreamUrl = null);

/// <summary>What the web chat page gets from <c>POST /api/directline/token</c>.</summary>
internal sealed record WebChatToken(
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("conversationId")] string? ConversationId,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("webSocket")] bool WebSocket);

/// <summary>The body of a Direct Line <c>POST /tokens/generate</c>.</summary>
internal sealed record TokenGenerateRequest([property: JsonPropertyName("user")] TokenUser User);

internal sealed record TokenUser([property: JsonPropertyName("id")] string Id);

/// <summary>The optional body of <c>POST /conversations</c>.</summary>
internal sealed record StartConversationRequest([property: JsonPropertyName("locale")] string? Locale);

/// <summary>The claims of a local Direct Line token.</summary>
internal sealed record LocalTokenClaims(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("conv")] string? Conversation,
    [property: JsonPropertyName("exp")] long Expires,
    [property: JsonPropertyName("jti")] string Nonce);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DirectLineConversation))]
[JsonSerializable(typeof(WebChatToken))]
[JsonSerializable(typeof(TokenGenerateRequest))]
[JsonSerializable(typeof(StartConversationRequest))]
[JsonSerializable(typeof(LocalTokenClaims))]
[JsonSerializable(typeof(TrustBot.Bot.Channel.ErrorBody))]
internal sealed partial class DirectLineJson : JsonSerializerContext
{
}
