using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Channel.Connector;
using TrustBot.Bot.Hosting;
using TrustBot.Schema;

namespace TrustBot.Tests.Connector;

/// <summary>The connector wired the way AddTrustBot wires it, with short retry waits.</summary>
internal sealed class ConnectorHarness : IAsyncDisposable
{
    public const string AppId = "00000000-0000-0000-0000-00000000b07a";
    public const string AppPassword = "not-a-real-secret-7Q~x";

    private readonly ServiceProvider _services;

    private ConnectorHarness(ServiceProvider services) => _services = services;

    public BotConnectorClient Client => _services.GetRequiredService<BotConnectorClient>();
    public BotTokenProvider Tokens => _services.GetRequiredService<BotTokenProvider>();
    public TrustedServiceUrls Trusted => _services.GetRequiredService<TrustedServiceUrls>();
    public IServiceProvider Services => _services;

    /// <summary>Builds the connector; <paramref name="tokenEndpoint"/> null means local mode (no app id).</summary>
    public static ConnectorHarness Create(string? tokenEndpoint, TimeProvider? time = null, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = tokenEndpoint is null ? "" : AppId,
            ["MicrosoftAppPassword"] = tokenEndpoint is null ? "" : AppPassword,
            ["MicrosoftAppType"] = "MultiTenant",
            ["BotFramework:TokenEndpoint"] = tokenEndpoint ?? "http://127.0.0.1:9/botframework.com/oauth2/v2.0/token",
            ["BotFramework:Connector:MaxRetryAttempts"] = "3",
            ["BotFramework:Connector:RetryBaseDelay"] = "00:00:00.010",
            ["BotFramework:Connector:MaxRetryAfter"] = "00:00:05",
            ["BotFramework:Connector:AttemptTimeout"] = "00:00:05",
            ["BotFramework:Connector:TotalTimeout"] = "00:00:20",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) values[k] = v;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<BotIdentityOptions>().Bind(configuration);
        services.AddOptions<BotFrameworkOptions>().Bind(configuration.GetSection(BotFrameworkOptions.Section));
        if (time is not null) services.AddSingleton(time);
        services.AddBotConnector(configuration);
        return new ConnectorHarness(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
    }

    public static Activity Message(string serviceUrl, string conversationId = "conv-1", string? replyToId = null, string text = "hello") => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = serviceUrl,
        ChannelId = Channels.Msteams,
        Conversation = new ConversationAccount { Id = conversationId },
        From = new ChannelAccount { Id = "28:bot", Name = "TrustBot", Role = RoleTypes.Bot },
        Recipient = new ChannelAccount { Id = "29:user", Role = RoleTypes.User },
        ReplyToId = replyToId,
        Text = text,
    };

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
