using Microsoft.Extensions.Time.Testing;
using TrustBot.Bot.Channel.Connector;
using TrustBot.Bot.Hosting;

namespace TrustBot.Tests.Connector;

public sealed class BotTokenProviderTests
{
    [Fact]
    public async Task Token_request_posts_the_client_credentials_form()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);

        var token = await harness.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", token);
        var request = Assert.Single(channel.TokenRequests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(FakeChannelServer.TokenPath, request.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", request.ContentType);
        Assert.NotNull(request.Form);
        Assert.Equal("client_credentials", request.Form["grant_type"].ToString());
        Assert.Equal(ConnectorHarness.AppId, request.Form["client_id"].ToString());
        Assert.Equal(ConnectorHarness.AppPassword, request.Form["client_secret"].ToString());
        Assert.Equal("https://api.botframework.com/.default", request.Form["scope"].ToString());
        Assert.Null(request.Authorization);
    }

    [Fact]
    public async Task Token_is_reused_until_five_minutes_before_expiry_then_refreshed()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        channel.TokenLifetimeSeconds = 3600;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint, time);
        harness.Trusted.Trust(channel.Url);

        await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(54));
        await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None);

        Assert.Equal(2, channel.TokenRequests.Count);
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], channel.ConnectorRequests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_token_request()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        channel.TokenDelay = TimeSpan.FromMilliseconds(300);
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => harness.Tokens.GetTokenAsync(CancellationToken.None))));

        Assert.All(tokens, t => Assert.Equal("token-1", t));
        Assert.Single(channel.TokenRequests);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_shared_request()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        channel.TokenDelay = TimeSpan.FromMilliseconds(300);
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        using var impatient = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var first = harness.Tokens.GetTokenAsync(impatient.Token);
        var second = harness.Tokens.GetTokenAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("token-1", await second);
        Assert.Single(channel.TokenRequests);
    }

    [Fact]
    public async Task Rejected_credentials_say_to_check_app_id_and_password_without_the_secret()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        channel.RespondToToken(new ScriptedResponse(401, """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}"""));
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint);
        harness.Trusted.Trust(channel.Url);

        var error = await Assert.ThrowsAsync<BotTokenException>(() => harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None));

        Assert.Contains("MicrosoftAppId", error.Message);
        Assert.Contains("MicrosoftAppPassword", error.Message);
        Assert.Contains("invalid_client", error.Message);
        Assert.DoesNotContain(ConnectorHarness.AppPassword, error.Message);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Empty(channel.ConnectorRequests);

        // A failed request is not cached: the next call asks again.
        await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url), CancellationToken.None);
        Assert.Equal(2, channel.TokenRequests.Count);
        Assert.Equal("Bearer token-1", Assert.Single(channel.ConnectorRequests).Authorization);
    }

    [Fact]
    public async Task Single_tenant_bot_gets_its_token_from_its_own_tenant()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(channel.TokenEndpoint, settings: new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppTenantId"] = "7f1c0b3e-0000-4000-8000-0000000000aa",
        });

        await harness.Tokens.GetTokenAsync(CancellationToken.None);

        Assert.Equal("/7f1c0b3e-0000-4000-8000-0000000000aa/oauth2/v2.0/token", Assert.Single(channel.TokenRequests).Path);
    }

    [Theory]
    [InlineData("https://login.example/{tenant}/oauth2/v2.0/token", "MultiTenant", "t-1", "https://login.example/botframework.com/oauth2/v2.0/token")]
    [InlineData("https://login.example/{tenant}/oauth2/v2.0/token", "SingleTenant", "t-1", "https://login.example/t-1/oauth2/v2.0/token")]
    [InlineData("https://login.example/botframework.com/oauth2/v2.0/token", "MultiTenant", "t-1", "https://login.example/botframework.com/oauth2/v2.0/token")]
    [InlineData("https://login.example/botframework.com/oauth2/v2.0/token", "SingleTenant", "t-1", "https://login.example/t-1/oauth2/v2.0/token")]
    public void Token_endpoint_uses_the_app_tenant_only_when_single_tenant(string configured, string appType, string tenant, string expected)
    {
        var identity = new BotIdentityOptions { MicrosoftAppId = "app", MicrosoftAppType = appType, MicrosoftAppTenantId = tenant };

        Assert.Equal(expected, BotTokenProvider.ResolveTokenEndpoint(configured, identity));
    }

    [Fact]
    public async Task Local_mode_has_no_token()
    {
        await using var harness = ConnectorHarness.Create(null);

        Assert.Null(await harness.Tokens.GetTokenAsync(CancellationToken.None));
    }
}
