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
