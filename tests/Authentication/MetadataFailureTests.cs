using System.Net;
using TrustBot.Bot.Channel.Authentication;
using TrustBot.Tests.Http;

namespace TrustBot.Tests.Authentication;

public sealed class MetadataFailureTests
{
    [Theory]
    [InlineData("https://login.botframework.com/v1/.well-known/openidconfiguration", true)]
    [InlineData("http://login.botframework.com/v1/.well-known/openidconfiguration", true)]
    [InlineData("http://10.0.0.5/.well-known/openid-configuration", true)]
    [InlineData("http://127.0.0.1:5001/.well-known/openid-configuration", false)]
    [InlineData("http://localhost:5001/.well-known/openid-configuration", false)]
    [InlineData("http://[::1]:5001/.well-known/openid-configuration", false)]
    public void Plain_http_metadata_is_allowed_only_on_loopback(string url, bool requiresHttps)
    {
        Assert.Equal(requiresHttps, SigningKeySource.RequiresHttps(url));
    }

    [Fact]
    public async Task Unreachable_signing_keys_fail_closed_with_401()
    {
        // Port 9 (discard) on loopback: the connection is refused at once.
        await using var factory = new TrustBotFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AuthenticatedBotFixture.AppId,
            ["MicrosoftAppPassword"] = "test-secret",
            ["BotFramework:OpenIdMetadataUrl"] = "http://127.0.0.1:9/.well-known/openidconfiguration",
        });
        using var client = factory.CreateClient();
        var key = new TestSigningKey("k1", "msteams");
        var token = key.Mint(AuthenticatedBotFixture.ChannelIssuer, AuthenticatedBotFixture.AppId, new Dictionary<string, object> { ["serviceurl"] = Activities.TeamsServiceUrl });

        using var response = await Activities.PostWithBearerAsync(client, Activities.Message(), token);

        Assert.Contains("signing keys could not be loaded", await Activities.AssertErrorAsync(response, HttpStatusCode.Unauthorized));
        Assert.Equal(0, factory.Turns.Count);
    }
}
