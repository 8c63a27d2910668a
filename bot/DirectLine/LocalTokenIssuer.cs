using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace TrustBot.Bot.DirectLine;

/// <summary>A validated local token: who it speaks for and, once a conversation started, which one.</summary>
internal sealed record LocalToken(string UserId, string? ConversationId, DateTimeOffset Expires);

/// <summary>
/// Mints and checks the local Direct Line's tokens: JWT-shaped, HMAC-SHA256 signed with a key
/// made at start-up. The key never leaves the process, so a browser cannot forge or widen a token;
/// tokens die with the process, as do the in-memory conversations they open.
/// </summary>
internal sealed class LocalTokenIssuer(TimeProvider clock, IOptions<LocalDirectLineOptions> options)
{
    private static readonly string Header = Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8);
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public int LifetimeSeconds => options.Value.TokenSeconds;

    public string Issue(string userId, string? conversationId)
    {
        var claims = new LocalTokenClaims(
            userId,
            conversationId,
            clock.GetUtcNow().AddSeconds(LifetimeSeconds).ToUnixTimeSeconds(),
            RandomId.New());
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims, DirectLineJson.Default.LocalTokenClaims));
        var signed = $"{Header}.{payload}";
        return $"{signed}.{Base64Url.EncodeToString(Sign(signed))}";
    }

    /// <summary>The token's binding, or null when it is malformed, forged or expired.</summary>
    public LocalToken? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return null;
        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Header) return null;

        byte[] signature;
        byte[] payload;
        try
        {
            signature = Base64Url.DecodeFromChars(parts[2]);
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign($"{parts[0]}.{parts[1]}"))) return null;

        var claims = JsonSerializer.Deserialize(payload, DirectLineJson.Default.LocalTokenClaims);
        if (claims is null) return null;
        var expires = DateTimeOffset.FromUnixTimeSeconds(claims.Expires);
        if (expires <= clock.GetUtcNow()) return null;
        return new LocalToken(claims.User, claims.Conversation, expires);
    }

    private byte[] Sign(string data) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(data));
}

/// <summary>Unguessable identifiers (128 bits from the OS random generator).</summary>
internal static class RandomId
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>A Direct Line user id: <c>dl_</c> and 32 hex digits.</summary>
    public static string NewUserId() => "dl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsUserId(string? value) =>
        value is { Length: 35 } && value.StartsWith("dl_", StringComparison.Ordinal) && value.AsSpan(3).ContainsAnyExcept("0123456789abcdef") == false;
}
