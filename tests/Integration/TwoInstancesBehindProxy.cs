using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TrustBot.Bot.Proactive;
using TrustBot.Bot.Safety;
using TrustBot.Bot.Storage;
using TrustBot.Schema;
using TrustBot.Tests.Authentication;
using TrustBot.Tests.Connector;
using TrustBot.Tests.Http;
using TrustBot.Tests.Storage;
using TrustBot.Turns;

namespace TrustBot.Tests.Integration;

/// <summary>
/// A clock whose "now" moves only when a test moves it, while its timers and stopwatches run in real
/// time: dates stay deterministic, and retry pauses, lock timeouts and the send rate limit still elapse.
/// </summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public void Set(DateTimeOffset now) => Interlocked.Exchange(ref _ticks, now.UtcTicks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
}

/// <summary>The ids of the messages whose turns ran on one instance.</summary>
public sealed class TurnLog : TrustBot.Turns.IMiddleware
{
    private readonly ConcurrentDictionary<string, byte> _messageIds = new();

    public bool Ran(string activityId) => _messageIds.ContainsKey(activityId);

    public Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        if (turnContext.Activity is { Type: ActivityTypes.Message, Id: { } id }) _messageIds.TryAdd(id, 0);
        return next(cancellationToken);
    }
}

/// <summary>One TrustBot host listening on its own loopback port.</summary>
public sealed class BotInstance : IAsyncDisposable
{
    private BotInstance(IntegrationBot bot, string url, TurnLog turns, AttemptRecorder attempts)
    {
        Bot = bot;
        Url = url;
        Turns = turns;
        Attempts = attempts;
        Direct = new HttpClient { BaseAddress = new Uri(url) };
    }

    public IntegrationBot Bot { get; }

    /// <summary>e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public TurnLog Turns { get; }

    public AttemptRecorder Attempts { get; }

    /// <summary>A client that talks to this instance only, bypassing the proxy.</summary>
    public HttpClient Direct { get; }

    /// <summary>This host's own proactive sender (its scheduler loop is off: tests call <see cref="ProactiveSender.TickAsync"/>).</summary>
    internal ProactiveSender Sender => Bot.Services.GetServices<IHostedService>().OfType<ProactiveSender>().Single();

    public static BotInstance Start(AzuriteFixture azurite, string tablePrefix, TimeProvider clock, IReadOnlyDictionary<string, string?> settings)
    {
        var turns = new TurnLog();
        var attempts = new AttemptRecorder();
        var bot = new IntegrationBot(azurite.ConnectionString, tablePrefix, s =>
        {
            s.AddSingleton(clock);
            s.AddSingleton<TrustBot.Turns.IMiddleware>(turns);
            s.AddSingleton<TrustBot.Turns.IMiddleware>(attempts);
            // The safety meaning layer is a model loaded in the background: whether it is ready would vary
            // between runs, and nothing here tests safety, so the phrase rules answer alone.
            s.Configure<MeaningLayerOptions>(o => o.Enabled = false);
            // Twenty people at once on a 2-core machine shared with other suites can keep Azurite busier than the
            // production per-try timeout of 2 s allows; this test is about concurrency, not a slow storage service.
            s.AddSingleton(_ =>
            {
                var options = StorageServiceCollectionExtensions.CreateClientOptions();
                options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
                return new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString, options);
            });
        }, settings);
        bot.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        bot.StartServer();
        var url = bot.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        return new BotInstance(bot, url, turns, attempts);
    }

    public async ValueTask DisposeAsync()
    {
        Direct.Dispose();
        await Bot.DisposeAsync();
    }
}

/// <summary>
/// Two TrustBot hosts over one set of tables in Azurite, behind a round-robin proxy, and a loopback
/// channel (Bot Connector and token endpoint) that records every message they send. The bot has an
/// app id, as in production: each message carries a channel token naming its service URL, so the
/// conversation is remembered for reminders (an anonymous local-mode service URL never is).
/// Shared by a test class; started by its first test, because the Azurite collection fixture is only
/// handed to test classes.
/// </summary>
public sealed class TwoInstancesBehindProxy : IAsyncLifetime
{
    public const string AppId = "6a0c1f4e-2b7d-4c39-8e15-0d9b7a3f5c21";

    private const string ChannelIssuer = "https://api.botframework.com";

    private readonly TestSigningKey _channelKey = new("scale-out-key", Channels.Directline);
    private readonly SemaphoreSlim _starting = new(1, 1);
    private OpenIdTestServer? _openId;
    private readonly List<BotInstance> _instances = [];
    private bool _started;

    public SteppedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public FakeChannelServer Channel { get; private set; } = null!;

    public RoundRobinProxy Proxy { get; private set; } = null!;

    /// <summary>A client that talks to the proxy, as a channel talks to a load-balanced bot.</summary>
    public HttpClient Client { get; private set; } = null!;

    public IReadOnlyList<BotInstance> Instances => _instances;

    /// <summary>The tables both instances use, read directly.</summary>
    internal TableStorage Tables => _instances[0].Bot.Services.GetRequiredService<TableStorage>();

    public async Task StartAsync(AzuriteFixture azurite)
    {
        await _starting.WaitAsync();
        try
        {
            if (_started) return;
            Channel = await FakeChannelServer.StartAsync();
            _openId = await OpenIdTestServer.StartAsync();
            _openId.PublishChannelKeys(_channelKey);
            var settings = new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = AppId,
                ["MicrosoftAppPassword"] = ConnectorHarness.AppPassword,
                ["MicrosoftAppType"] = "MultiTenant",
                ["BotFramework:OpenIdMetadataUrl"] = _openId.ChannelMetadataUrl,
                ["BotFramework:EmulatorOpenIdMetadataUrl"] = _openId.EmulatorMetadataUrl,
                ["BotFramework:TokenEndpoint"] = Channel.TokenEndpoint,
            };
            var prefix = AzuriteFixture.NewTablePrefix();
            _instances.Add(BotInstance.Start(azurite, prefix, Clock, settings));
            _instances.Add(BotInstance.Start(azurite, prefix, Clock, settings));
            Proxy = await RoundRobinProxy.StartAsync([.. _instances.Select(i => new Uri(i.Url))]);
            Client = new HttpClient { BaseAddress = new Uri(Proxy.Url), Timeout = TimeSpan.FromSeconds(60) };
            _started = true;
        }
        finally
        {
            _starting.Release();
        }
    }

    /// <summary>A person in a conversation of their own on Direct Line, whose replies go to the loopback channel.</summary>
    public ChannelPerson Person(string userId, string conversationId) => new(userId, conversationId, Channel.Url, Clock, ChannelToken);

    /// <summary>A channel token for the loopback channel's service URL, valid at the shared clock's "now".</summary>
    private string ChannelToken()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        return _channelKey.Mint(ChannelIssuer, AppId, new Dictionary<string, object> { ["serviceurl"] = Channel.Url }, now.AddMinutes(-1), now.AddHours(1));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Proxy is not null) await Proxy.DisposeAsync();
        foreach (var instance in _instances) await instance.DisposeAsync();
        if (Channel is not null) await Channel.DisposeAsync();
        if (_openId is not null) await _openId.DisposeAsync();
        _starting.Dispose();
    }
}

/// <summary>
/// One person in one conversation, as a channel delivers them: with a channel token and a normal delivery
/// (no expectReplies), so the bot answers through the Bot Connector, here the loopback channel, where
/// the replies are read back.
/// </summary>
public sealed class ChannelPerson(string userId, string conversationId, string serviceUrl, TimeProvider clock, Func<string> token)
{
    private int _sent;

    public string UserId { get; } = userId;

    public string ConversationId { get; } = conversationId;

    public string Partition => $"{Channels.Directline}/users/{UserId}";

    public Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = $"{UserId}-{Interlocked.Increment(ref _sent)}",
        Timestamp = clock.GetUtcNow(),
        ChannelId = Channels.Directline,
        ServiceUrl = serviceUrl,
        From = new ChannelAccount { Id = UserId, Name = "Sam", Role = RoleTypes.User },
        Recipient = new ChannelAccount { Id = "trustbot", Name = "TrustBot", Role = RoleTypes.Bot },
        Conversation = new ConversationAccount { Id = ConversationId, ConversationType = "personal" },
        Locale = "en-US",
        Text = text,
    };

    /// <summary>Posts the message; returns the HTTP status and what the bot sent to the channel in reply to it.</summary>
    public async Task<(HttpStatusCode Status, List<Activity> Replies)> SendAsync(HttpClient client, FakeChannelServer channel, string text)
    {
        var message = Message(text);
        using var response = await Activities.PostWithBearerAsync(client, message, token());
        return (response.StatusCode, channel.RepliesTo(ConversationId, message.Id!));
    }

    /// <summary>Sends a message that must be accepted (200); returns the replies the channel received for it.</summary>
    public async Task<List<Activity>> SayAsync(HttpClient client, FakeChannelServer channel, string text)
    {
        var (status, replies) = await SendAsync(client, channel, text);
        Assert.True(status == HttpStatusCode.OK, $"'{text}' from {UserId} was answered with {(int)status}");
        return replies;
    }
}

/// <summary>Reading back what the bot sent to the loopback channel.</summary>
internal static class ChannelDeliveries
{
    /// <summary>The activities sent as replies to one incoming message.</summary>
    public static List<Activity> RepliesTo(this FakeChannelServer channel, string conversationId, string activityId) =>
        Read(channel, $"/v3/conversations/{conversationId}/activities/{activityId}");

    /// <summary>The activities the bot started in a conversation on its own (no message to reply to).</summary>
    public static List<Activity> StartedIn(this FakeChannelServer channel, string conversationId) =>
        Read(channel, $"/v3/conversations/{conversationId}/activities");

    private static List<Activity> Read(FakeChannelServer channel, string path) =>
        [.. channel.ConnectorRequests.Where(r => r.Method == "POST" && r.Path == path).Select(r => JsonSerializer.Deserialize(r.Body, ProtocolJson.Default.Activity)!)];
}
