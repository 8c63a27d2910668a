using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Hosting;
using TrustBot.Bot.Proactive;
using TrustBot.Journey;
using TrustBot.State;
using TrustBot.Tests.Connector;
using TrustBot.Tests.Journey;

namespace TrustBot.Tests.Proactive;

/// <summary>
/// The proactive sender as the host builds it (real adapter, real Bot Connector client) sending to a loopback
/// server that plays the channel; a test class starts one in InitializeAsync and disposes it after.
/// </summary>
internal sealed class LoopbackSenderRig : IAsyncDisposable
{
    private LoopbackSenderRig(FakeChannelServer channel, ConnectorHarness connector)
    {
        Channel = channel;
        Connector = connector;
    }

    /// <summary>The channel's loopback server: what the sender delivered, and scripted failures.</summary>
    public FakeChannelServer Channel { get; }

    private ConnectorHarness Connector { get; }

    public static async Task<LoopbackSenderRig> StartAsync() =>
        new(await FakeChannelServer.StartAsync(), ConnectorHarness.Create(tokenEndpoint: null));

    /// <summary>A sender over the harness's storage (or <paramref name="storage"/>) and clock.</summary>
    public ProactiveSender Sender(JourneyHarness h, IStorage? storage = null, ReminderRules? rules = null)
    {
        var adapter = new BotHttpAdapter([Connector.Client], new TrustedServiceUrls(), [], NullLogger<BotHttpAdapter>.Instance);
        return new ProactiveSender(storage ?? h.Storage, adapter, h.Clock, Options.Create(new ProactiveOptions()), rules ?? ReminderRules.Default, NullLogger<ProactiveSender>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync();
        await Channel.DisposeAsync();
    }
}
