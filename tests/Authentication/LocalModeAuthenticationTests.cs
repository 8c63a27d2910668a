using System.Net;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Channel;
using TrustBot.Schema;
using TrustBot.Tests.Http;

namespace TrustBot.Tests.Authentication;

/// <summary>No MicrosoftAppId: anonymous requests run, any presented token is refused.</summary>
public sealed class LocalModeAuthenticationTests : IAsyncLifetime
{
    private readonly TrustBotFactory _factory = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Local_mode_request_without_authorization_runs_anonymously()
    {
        using var response = await Activities.PostAsync(_client, Activities.Message(Channels.Emulator, "http://localhost:58000"));
        var replies = await Activities.ReadRepliesAsync(response);
        Assert.Contains(replies.Activities, a => a.Type == ActivityTypes.Message);
        Assert.Equal(1, _factory.Turns.Count);
        // Nothing vouched for the service URL, so the bot's token must never be sent there.
        Assert.False(_factory.Services.GetRequiredService<TrustedServiceUrls>().IsTrusted("http://localhost:58000"));
    }

    [Theory]
    [InlineData("Bearer garbage")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2lnbmF0dXJl")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Local_mode_request_with_an_authorization_header_is_rejected_with_401(string header)
    {
        using var response = await Activities.PostAsync(_client, Activities.Message(Channels.Emulator, "http://localhost:58000"), header);
        var error = await Activities.AssertErrorAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("MicrosoftAppId", error);
        Assert.Equal(0, _factory.Turns.Count);
    }
}
