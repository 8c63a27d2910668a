using System.Net;
using TrustBot.Tests.DirectLine;

namespace TrustBot.Tests.WebChat;

public sealed class WebChatPageTests
{
    [Fact]
    public async Task The_page_is_served_with_a_policy_that_allows_only_its_own_origin()
    {
        using var app = new DirectLineApp();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("TrustBot is a coaching companion, not a therapist", html);
        Assert.Contains("delete my data", html);
        Assert.Contains("<script src=\"/webchat/webchat.js\"></script>", html);
        Assert.DoesNotMatch("<script>", html); // no inline script: the policy would block it
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy);
        Assert.Contains("connect-src 'self';", policy);
        Assert.Contains("img-src 'self' data: blob:;", policy);
        Assert.Contains("default-src 'none'", policy);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task The_Web_Chat_bundle_is_served_from_the_installed_package()
    {
        using var app = new DirectLineApp();
        using var client = app.CreateClient();

        using var bundle = await client.GetAsync("/webchat/webchat.js");
        using var script = await client.GetAsync("/webchat/app.js");
        using var style = await client.GetAsync("/webchat/app.css");

        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        Assert.True(bundle.Content.Headers.ContentLength > 1_000_000, "the full Web Chat bundle (cards, markdown) is served");
        Assert.Contains("/api/directline/token", await script.Content.ReadAsStringAsync());
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);
    }
}
