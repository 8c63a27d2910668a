using System.Net;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Channel;
using TrustBot.Schema;
using TrustBot.Tests.Http;

namespace TrustBot.Tests.Authentication;

/// <summary>The bot with an app id, trusting the keys of a loopback OpenID provider.</summary>
public sealed class AuthenticatedBotFixture : IAsyncLifetime
{
    public const string AppId = "3f1e0c2a-7b44-4f5e-9a51-2c8d6e0b9a17";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorV1Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EmulatorV2Issuer = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";

    public TestSigningKey ChannelKey { get; } = new("channel-key-1", Channels.Msteams, Channels.Directline);
    public TestSigningKey EmulatorKey { get; } = new("emulator-key-1");
    public OpenIdTestServer Server { get; private set; } = null!;
    public TrustBotFactory Factory { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await OpenIdTestServer.StartAsync();
        Server.PublishChannelKeys(ChannelKey);
        Server.PublishEmulatorKeys(EmulatorKey);
        Factory = CreateBot(Server);
        Client = Factory.CreateClient();
    }

    public static TrustBotFactory CreateBot(OpenIdTestServer server) => new(new Dictionary<string, string?>
    {
        ["MicrosoftAppId"] = AppId,
        ["MicrosoftAppPassword"] = "test-secret",
        ["BotFramework:OpenIdMetadataUrl"] = server.ChannelMetadataUrl,
        ["BotFramework:EmulatorOpenIdMetadataUrl"] = server.EmulatorMetadataUrl,
    });

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }
}

public sealed class BotFrameworkAuthenticationTests(AuthenticatedBotFixture bot) : IClassFixture<AuthenticatedBotFixture>
{
    private const string AppId = AuthenticatedBotFixture.AppId;

    private static Dictionary<string, object> ServiceUrlClaim(string serviceUrl = Activities.TeamsServiceUrl) => new() { ["serviceurl"] = serviceUrl };

    private string ChannelToken(Dictionary<string, object>? claims = null, DateTime? notBefore = null, DateTime? expires = null, string audience = AppId, string algorithm = SecurityAlgorithms.RsaSha256) =>
        bot.ChannelKey.Mint(AuthenticatedBotFixture.ChannelIssuer, audience, claims ?? ServiceUrlClaim(), notBefore, expires, algorithm);

    private async Task AssertAcceptedAsync(Activity activity, string token)
    {
        var before = bot.Factory.Turns.Count;
        using var response = await Activities.PostWithBearerAsync(bot.Client, activity, token);
        var replies = await Activities.ReadRepliesAsync(response);
        Assert.Equal(before + 1, bot.Factory.Turns.Count);
        var reply = replies.Activities.First(a => a.Type == ActivityTypes.Message);
        Assert.Equal(activity.Conversation!.Id, reply.Conversation?.Id);
    }

    private async Task<string> AssertRejectedAsync(Activity activity, string? authorization)
    {
        var before = bot.Factory.Turns.Count;
        using var response = await Activities.PostAsync(bot.Client, activity, authorization);
        var error = await Activities.AssertErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(before, bot.Factory.Turns.Count);
        return error;
    }

    private Task<string> AssertRejectedAsync(string token, Activity? activity = null) => AssertRejectedAsync(activity ?? Activities.Message(), "Bearer " + token);

    [Fact]
    public async Task Valid_channel_token_runs_the_turn_and_returns_the_reply()
    {
        await AssertAcceptedAsync(Activities.Message(), ChannelToken());
    }

    [Fact]
    public async Task Service_url_vouched_for_by_a_channel_token_becomes_trusted()
    {
        const string serviceUrl = "https://smba.trafficmanager.net/emea/";
        var trusted = bot.Factory.Services.GetRequiredService<TrustedServiceUrls>();
        await AssertAcceptedAsync(Activities.Message(serviceUrl: serviceUrl), ChannelToken(ServiceUrlClaim(serviceUrl)));
        Assert.True(trusted.IsTrusted(serviceUrl));
    }

    [Fact]
    public async Task Rejected_request_does_not_make_its_service_url_trusted()
    {
        const string serviceUrl = "https://attacker.example/";
        var trusted = bot.Factory.Services.GetRequiredService<TrustedServiceUrls>();
        await AssertRejectedAsync(ChannelToken(ServiceUrlClaim(Activities.TeamsServiceUrl)), Activities.Message(serviceUrl: serviceUrl));
        Assert.False(trusted.IsTrusted(serviceUrl));
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task Channel_token_signed_with_RS384_or_RS512_is_accepted(string algorithm)
    {
        await AssertAcceptedAsync(Activities.Message(), ChannelToken(algorithm: algorithm));
    }

    [Fact]
    public async Task Serviceurl_claim_is_compared_case_insensitively()
    {
        await AssertAcceptedAsync(Activities.Message(), ChannelToken(ServiceUrlClaim(Activities.TeamsServiceUrl.ToUpperInvariant())));
    }

    [Fact]
    public async Task Emulator_v1_token_with_our_appid_is_accepted()
    {
        var token = bot.EmulatorKey.Mint(AuthenticatedBotFixture.EmulatorV1Issuer, AppId, new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = AppId });
        await AssertAcceptedAsync(Activities.Message(Channels.Emulator, "http://localhost:58000"), token);
    }

    [Fact]
    public async Task Emulator_v2_token_with_our_azp_is_accepted()
    {
        var token = bot.EmulatorKey.Mint(AuthenticatedBotFixture.EmulatorV2Issuer, AppId, new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = AppId });
        await AssertAcceptedAsync(Activities.Message(Channels.Emulator, "http://localhost:58000"), token);
    }

    [Fact]
    public async Task Emulator_token_issued_to_another_app_is_rejected_with_401()
    {
        var token = bot.EmulatorKey.Mint(AuthenticatedBotFixture.EmulatorV1Issuer, AppId, new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = "another-app" });
        Assert.Contains("appid", await AssertRejectedAsync(token, Activities.Message(Channels.Emulator, "http://localhost:58000")));
    }

    [Theory]
    [InlineData("3.0")]
    [InlineData(null)]
    public async Task Emulator_token_with_unknown_version_is_rejected_with_401(string? version)
    {
        var claims = new Dictionary<string, object> { ["appid"] = AppId, ["azp"] = AppId };
        if (version is not null) claims["ver"] = version;
        var token = bot.EmulatorKey.Mint(AuthenticatedBotFixture.EmulatorV2Issuer, AppId, claims);
        Assert.Contains("ver", await AssertRejectedAsync(token, Activities.Message(Channels.Emulator, "http://localhost:58000")));
    }

    [Fact]
    public async Task Emulator_token_from_another_tenant_is_rejected_with_401()
    {
        var token = bot.EmulatorKey.Mint("https://sts.windows.net/11111111-2222-3333-4444-555555555555/", AppId, new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = AppId });
        Assert.Contains("issuer", await AssertRejectedAsync(token, Activities.Message(Channels.Emulator, "http://localhost:58000")));
    }

    [Fact]
    public async Task Expired_token_is_rejected_with_401()
    {
        var now = DateTime.UtcNow;
        Assert.Contains("expired", await AssertRejectedAsync(ChannelToken(notBefore: now.AddHours(-2), expires: now.AddMinutes(-6))));
    }

    [Fact]
    public async Task Token_expired_within_the_five_minute_skew_is_accepted()
    {
        var now = DateTime.UtcNow;
        await AssertAcceptedAsync(Activities.Message(), ChannelToken(notBefore: now.AddHours(-1), expires: now.AddMinutes(-4)));
    }

    [Fact]
    public async Task Token_not_yet_valid_is_rejected_with_401()
    {
        var now = DateTime.UtcNow;
        Assert.Contains("not valid yet", await AssertRejectedAsync(ChannelToken(notBefore: now.AddMinutes(6), expires: now.AddHours(1))));
    }

    [Fact]
    public async Task Token_valid_from_within_the_five_minute_skew_is_accepted()
    {
        var now = DateTime.UtcNow;
        await AssertAcceptedAsync(Activities.Message(), ChannelToken(notBefore: now.AddMinutes(4), expires: now.AddHours(1)));
    }

    [Fact]
    public async Task Token_for_another_audience_is_rejected_with_401()
    {
        Assert.Contains("audience", await AssertRejectedAsync(ChannelToken(audience: "https://api.botframework.com")));
    }

    [Fact]
    public async Task Token_from_an_untrusted_issuer_is_rejected_with_401()
    {
        var token = bot.ChannelKey.Mint("https://api.botframework.example", AppId, ServiceUrlClaim());
        Assert.Contains("issuer", await AssertRejectedAsync(token));
    }

    [Fact]
    public async Task Token_signed_with_an_unpublished_key_is_rejected_even_after_refreshing_the_keys()
    {
        await AssertAcceptedAsync(Activities.Message(), ChannelToken());
        var fetchesBefore = bot.Server.ChannelKeyFetches;

        var stranger = new TestSigningKey("unpublished-key", Channels.Msteams);
        var token = stranger.Mint(AuthenticatedBotFixture.ChannelIssuer, AppId, ServiceUrlClaim());

        Assert.Contains("signing key", await AssertRejectedAsync(token));
        Assert.True(bot.Server.ChannelKeyFetches > fetchesBefore, "an unknown key id should make the bot fetch the keys again");
    }

    [Fact]
    public async Task Token_signed_by_another_key_under_a_published_key_id_is_rejected_with_401()
    {
        var impostor = new TestSigningKey(bot.ChannelKey.KeyId, Channels.Msteams);
        var token = impostor.Mint(AuthenticatedBotFixture.ChannelIssuer, AppId, ServiceUrlClaim());
        Assert.Contains("signature", await AssertRejectedAsync(token));
    }

    [Fact]
    public async Task Tampered_payload_is_rejected_with_401()
    {
        // Signed for someone else, then the payload is swapped for one naming this bot.
        var signedForOther = ChannelToken(audience: "some-other-bot").Split('.');
        var forged = ChannelToken().Split('.');
        var token = $"{signedForOther[0]}.{forged[1]}.{signedForOther[2]}";
        Assert.Contains("signature", await AssertRejectedAsync(token));
    }

    [Fact]
    public async Task Unsigned_token_with_alg_none_is_rejected_with_401()
    {
        var payload = new JsonWebToken(ChannelToken()).EncodedPayload;
        var header = Base64UrlEncoder.Encode($$"""{"alg":"none","typ":"JWT","kid":"{{bot.ChannelKey.KeyId}}"}""");
        await AssertRejectedAsync($"{header}.{payload}.");
    }

    [Fact]
    public async Task Token_signed_with_a_shared_secret_is_rejected_with_401()
    {
        var handler = new JsonWebTokenHandler();
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("a shared secret that is long enough for HS256")) { KeyId = bot.ChannelKey.KeyId };
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthenticatedBotFixture.ChannelIssuer,
            Audience = AppId,
            Claims = ServiceUrlClaim(),
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
        });
        Assert.Contains("RS256", await AssertRejectedAsync(token));
    }

    [Fact]
    public async Task Token_without_serviceurl_claim_is_rejected_with_401()
    {
        Assert.Contains("serviceurl", await AssertRejectedAsync(ChannelToken(new Dictionary<string, object>())));
    }

    [Fact]
    public async Task Token_for_another_serviceurl_is_rejected_with_401()
    {
        Assert.Contains("serviceurl", await AssertRejectedAsync(ChannelToken(ServiceUrlClaim("https://smba.trafficmanager.net/emea/"))));
    }

    [Fact]
    public async Task Key_not_endorsed_for_the_activitys_channel_is_rejected_with_401()
    {
        var webchat = Activities.Message(Channels.Webchat, "https://webchat.botframework.com/");
        var token = ChannelToken(ServiceUrlClaim("https://webchat.botframework.com/"));
        Assert.Contains("endorsed", await AssertRejectedAsync(token, webchat));
    }

    [Fact]
    public async Task Request_without_authorization_header_is_rejected_with_401()
    {
        await AssertRejectedAsync(Activities.Message(), authorization: null);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-jwt")]
    public async Task Malformed_authorization_header_is_rejected_with_401(string header)
    {
        await AssertRejectedAsync(Activities.Message(), header);
    }

    [Fact]
    public async Task Unknown_activity_type_still_needs_a_valid_token()
    {
        var activity = Activities.Message();
        activity.Type = "somethingNew";
        await AssertRejectedAsync(activity, authorization: null);
    }
}

public sealed class SigningKeyRotationTests
{
    [Fact]
    public async Task Token_signed_with_a_newly_published_key_is_accepted_after_an_immediate_refresh()
    {
        await using var server = await OpenIdTestServer.StartAsync();
        var oldKey = new TestSigningKey("old-key", Channels.Msteams);
        server.PublishChannelKeys(oldKey);
        await using var factory = AuthenticatedBotFixture.CreateBot(server);
        using var client = factory.CreateClient();
        var claims = new Dictionary<string, object> { ["serviceurl"] = Activities.TeamsServiceUrl };

        using (var first = await Activities.PostWithBearerAsync(client, Activities.Message(), oldKey.Mint(AuthenticatedBotFixture.ChannelIssuer, AuthenticatedBotFixture.AppId, claims)))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var newKey = new TestSigningKey("new-key", Channels.Msteams);
        server.PublishChannelKeys(oldKey, newKey);
        using var second = await Activities.PostWithBearerAsync(client, Activities.Message(), newKey.Mint(AuthenticatedBotFixture.ChannelIssuer, AuthenticatedBotFixture.AppId, claims));

        var replies = await Activities.ReadRepliesAsync(second);
        Assert.Contains(replies.Activities, a => a.Type == ActivityTypes.Message);
        Assert.Equal(2, factory.Turns.Count);
    }
}

public sealed class SingleTenantAuthenticationTests
{
    private const string OwnTenant = "9c1a7d2e-0b3f-4e5a-8d6c-7f1e2a3b4c5d";

    [Theory]
    [InlineData("SingleTenant", true)]
    [InlineData("MultiTenant", false)]
    public async Task Emulator_token_from_the_bots_own_tenant_is_accepted_only_for_single_tenant_bots(string appType, bool accepted)
    {
        await using var server = await OpenIdTestServer.StartAsync();
        var key = new TestSigningKey("tenant-key");
        server.PublishEmulatorKeys(key);
        await using var factory = new TrustBotFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AuthenticatedBotFixture.AppId,
            ["MicrosoftAppPassword"] = "test-secret",
            ["MicrosoftAppType"] = appType,
            ["MicrosoftAppTenantId"] = OwnTenant,
            ["BotFramework:OpenIdMetadataUrl"] = server.ChannelMetadataUrl,
            ["BotFramework:EmulatorOpenIdMetadataUrl"] = server.EmulatorMetadataUrl,
        });
        using var client = factory.CreateClient();
        var token = key.Mint($"https://login.microsoftonline.com/{OwnTenant}/v2.0", AuthenticatedBotFixture.AppId,
            new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = AuthenticatedBotFixture.AppId, ["tid"] = OwnTenant });

        using var response = await Activities.PostWithBearerAsync(client, Activities.Message(Channels.Emulator, "http://localhost:58000"), token);

        Assert.Equal(accepted ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(accepted ? 1 : 0, factory.Turns.Count);
    }
}
