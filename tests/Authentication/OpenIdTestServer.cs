using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TrustBot.Tests.Authentication;

/// <summary>An RSA signing key as an issuer publishes it, with the Bot Framework's endorsements.</summary>
public sealed class TestSigningKey
{
    private readonly RSA _rsa = RSA.Create(2048);

    public TestSigningKey(string keyId, params string[] endorsements)
    {
        KeyId = keyId;
        Endorsements = endorsements;
        SecurityKey = new RsaSecurityKey(_rsa) { KeyId = keyId };
    }

    public string KeyId { get; }
    public string[] Endorsements { get; }
    public RsaSecurityKey SecurityKey { get; }

    public JsonObject ToJwk()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements.Length > 0) jwk["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode)JsonValue.Create(e)).ToArray());
        return jwk;
    }

    /// <summary>Signs a JWT with this key; times are explicit so tests can mint expired or future tokens.</summary>
    public string Mint(string issuer, string audience, IDictionary<string, object>? claims = null,
        DateTime? notBefore = null, DateTime? expires = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTime.UtcNow;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var nbf = notBefore ?? now.AddMinutes(-1);
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = nbf,
            NotBefore = nbf,
            Expires = expires ?? now.AddHours(1),
            Claims = claims ?? new Dictionary<string, object>(),
            SigningCredentials = new SigningCredentials(SecurityKey, algorithm),
        });
    }
}

/// <summary>
/// A loopback OpenID provider like login.botframework.com: one metadata document and JWKS for
/// channel tokens and one for Emulator / Entra ID tokens, with keys the test can rotate.
/// </summary>
public sealed class OpenIdTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile TestSigningKey[] _channelKeys = [];
    private volatile TestSigningKey[] _emulatorKeys = [];
    private int _channelKeyFetches;

    private OpenIdTestServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public string ChannelMetadataUrl => BaseUrl + "/channel/.well-known/openidconfiguration";
    public string EmulatorMetadataUrl => BaseUrl + "/emulator/v2.0/.well-known/openid-configuration";

    /// <summary>How many times the channel JWKS was downloaded.</summary>
    public int ChannelKeyFetches => Volatile.Read(ref _channelKeyFetches);

    public void PublishChannelKeys(params TestSigningKey[] keys) => _channelKeys = keys;
    public void PublishEmulatorKeys(params TestSigningKey[] keys) => _emulatorKeys = keys;

    public static async Task<OpenIdTestServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var server = new OpenIdTestServer(app);

        app.MapGet("/channel/.well-known/openidconfiguration", () => Results.Json(Metadata(server.BaseUrl + "/channel/keys", "https://api.botframework.com")));
        app.MapGet("/channel/keys", () =>
        {
            Interlocked.Increment(ref server._channelKeyFetches);
            return Results.Json(Jwks(server._channelKeys));
        });
        app.MapGet("/emulator/v2.0/.well-known/openid-configuration", () => Results.Json(Metadata(server.BaseUrl + "/emulator/keys", "https://login.microsoftonline.com/{tenantid}/v2.0")));
        app.MapGet("/emulator/keys", () => Results.Json(Jwks(server._emulatorKeys)));

        app.Urls.Add("http://127.0.0.1:0");
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    private static JsonObject Metadata(string jwksUri, string issuer) => new()
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = "https://invalid.example/authorize",
        ["jwks_uri"] = jwksUri,
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
    };

    private static JsonObject Jwks(TestSigningKey[] keys) => new() { ["keys"] = new JsonArray(keys.Select(k => (JsonNode)k.ToJwk()).ToArray()) };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
