using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TrustBot.Schema;

namespace TrustBot.Bot.Channel.Connector;

/// <summary>The body of <c>POST /v3/conversations</c>: starts a conversation (a Teams proactive 1:1 needs the tenant id).</summary>
internal sealed class ConversationParameters
{
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount> Members { get; set; } = [];
    public bool? IsGroup { get; set; }
    public string? TopicName { get; set; }
    public string? TenantId { get; set; }
    public JsonNode? ChannelData { get; set; }

    /// <summary>An optional first activity to post into the new conversation.</summary>
    public Activity? Activity { get; set; }
}

/// <summary>The answer to <c>POST /v3/conversations</c>.</summary>
internal sealed class ConversationResourceResponse
{
    public string? Id { get; set; }
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
}

/// <summary>The channel's error body: <c>{"error":{"code","message"}}</c>.</summary>
internal sealed class ChannelErrorResponse
{
    public ChannelError? Error { get; set; }
}

internal sealed class ChannelError
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}

/// <summary>The token endpoint's answer (OAuth 2.0 client credentials).</summary>
internal sealed class TokenResponse
{
    [JsonPropertyName("token_type")]
    public string? TokenType { get; set; }

    [JsonPropertyName("expires_in")]
    public long? ExpiresIn { get; set; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; set; }

    /// <summary>The OAuth error code (e.g. <c>invalid_client</c>) when the request failed.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationResourceResponse))]
[JsonSerializable(typeof(ChannelErrorResponse))]
[JsonSerializable(typeof(TokenResponse))]
internal sealed partial class ConnectorJson : JsonSerializerContext
{
}
