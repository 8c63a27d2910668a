using TrustBot.Bot.Channel;

namespace TrustBot.Tests.Teams;

/// <summary>In local mode the Agents Playground's connector is answered; no other local path is.</summary>
public sealed class PlaygroundServiceUrlTests
{
    [Theory]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("http://localhost:56150/_connector/", true)]
    [InlineData("http://127.0.0.1:41234/_connector", true)]
    [InlineData("http://localhost:56150/", true)]
    [InlineData("http://localhost:56150/other", false)]
    [InlineData("http://localhost:56150/admin/_connector", false)]
    [InlineData("http://localhost:56150/_connector/x", false)]
    [InlineData("http://example.org:56150/_connector", false)]
    public void The_playgrounds_connector_path_is_the_one_path_a_local_service_url_may_have(string serviceUrl, bool accepted) =>
        Assert.Equal(accepted, TrustedServiceUrls.IsCanonicalLoopback(serviceUrl));
}

/// <summary>
/// <c>Playground:ServiceUrl</c>: the operator vouches for one local Agents Playground connector, so reminders may be
/// stored for it in local mode; nothing else local becomes trusted, and a bad value stops the host at start.
/// </summary>
public sealed class PlaygroundServiceUrlSettingTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("http://127.0.0.1:41234/_connector/", true)]
    [InlineData("http://localhost:56150", false)]
    [InlineData("http://localhost:6379/_connector/x", false)]
    [InlineData("http://example.org:56150/_connector", false)]
    [InlineData("http://127.1:56150/_connector", false)]
    public void Only_a_plain_loopback_playground_connector_may_be_configured(string? serviceUrl, bool valid) =>
        Assert.Equal(valid, TrustBot.Bot.Hosting.PlaygroundOptions.IsValid(new TrustBot.Bot.Hosting.PlaygroundOptions { ServiceUrl = serviceUrl }));

    [Theory]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("http://localhost:56150/_connector/", true)]
    [InlineData("http://localhost:56151/_connector", false)]
    [InlineData("http://localhost:56150", false)]
    [InlineData(null, false)]
    public async Task Only_the_configured_connector_is_vouched_for_in_local_mode(string? incoming, bool verified)
    {
        var authenticator = new TrustBot.Bot.Channel.Authentication.BotFrameworkAuthenticator(
            Microsoft.Extensions.Options.Options.Create(new TrustBot.Bot.Hosting.BotIdentityOptions()),
            Microsoft.Extensions.Options.Options.Create(new TrustBot.Bot.Hosting.BotFrameworkOptions()),
            new NoHttp(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<TrustBot.Bot.Channel.Authentication.BotFrameworkAuthenticator>.Instance,
            Microsoft.Extensions.Options.Options.Create(new TrustBot.Bot.Hosting.PlaygroundOptions { ServiceUrl = "http://localhost:56150/_connector" }));

        var result = await authenticator.AuthenticateAsync(null, new TrustBot.Schema.Activity { Type = "message", ServiceUrl = incoming }, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.True(result.IsAnonymous);
        Assert.Equal(verified, result.ServiceUrlVerified);
    }

    [Fact]
    public async Task With_an_app_id_the_setting_vouches_for_nothing_and_a_token_is_still_required()
    {
        var authenticator = new TrustBot.Bot.Channel.Authentication.BotFrameworkAuthenticator(
            Microsoft.Extensions.Options.Options.Create(new TrustBot.Bot.Hosting.BotIdentityOptions { MicrosoftAppId = "00000000-0000-0000-0000-000000000009" }),
            Microsoft.Extensions.Options.Options.Create(new TrustBot.Bot.Hosting.BotFrameworkOptions()),
            new NoHttp(), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<TrustBot.Bot.Channel.Authentication.BotFrameworkAuthenticator>.Instance,
            Microsoft.Extensions.Options.Options.Create(new TrustBot.Bot.Hosting.PlaygroundOptions { ServiceUrl = "http://localhost:56150/_connector" }));

        var result = await authenticator.AuthenticateAsync(null, new TrustBot.Schema.Activity { Type = "message", ServiceUrl = "http://localhost:56150/_connector" }, CancellationToken.None);

        Assert.False(result.Succeeded);
    }

    /// <summary>Signing keys are never fetched without a token: any request would fail.</summary>
    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(new Refuse());

        private sealed class Refuse : HttpMessageHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("no HTTP expected");
        }
    }
}
