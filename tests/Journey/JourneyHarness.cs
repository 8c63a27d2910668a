using Microsoft.Extensions.Time.Testing;
using TrustBot.Journey;
using TrustBot.Safety;
using TrustBot.State;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

/// <summary>The real TrustBot conversation logic over in-memory storage and a controllable clock.</summary>
internal sealed class JourneyHarness
{
    // steps: the journey's steps, the standard ones unless a test registers another (AddingAStepTests).
    public JourneyHarness(IStorage? storage = null, string channelId = Schema.Channels.Test, ISafetyDetector? detector = null, JourneySteps? steps = null)
    {
        Storage = storage ?? new MemoryStorage();
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.Zero));
        Adapter = new TestAdapter(Clock, channelId);
        var resources = new SafetyResources { ["default"] = ["Call your local emergency number."], ["GB"] = ["Samaritans: 116 123"] };
        resources.Text["default"] = ["Text a crisis line near you."];
        resources.Text["GB"] = ["Shout: text SHOUT to 85258"];
        var options = new JourneyOptions { SafetyResources = resources };
        Bot = new TrustBotHandler(Storage, Clock, options, safety: detector is null ? null : new JourneySafety(detector, resources), steps: steps);
    }

    public IStorage Storage { get; }
    public FakeTimeProvider Clock { get; }
    public TestAdapter Adapter { get; }
    public TrustBotHandler Bot { get; }

    public string Partition => $"{Adapter.Conversation.ChannelId}/users/{Adapter.Conversation.User!.Id}";

    public TestFlow Flow() => new(Adapter, Bot);

    /// <summary>A person who has just finished onboarding as <paramref name="role"/> with daily 7pm reminders in Europe/London.</summary>
    public TestFlow Onboarded(string role = "I was hurt") => Flow()
        .Send("hi").SkipReplies()
        .Send("Yes").SkipReplies()
        .Send("Sam").SkipReplies()
        .Send(role).SkipReplies()
        .Send("Dishonesty").SkipReplies()
        .Send("Yes").SkipReplies()
        .Send("Every day").SkipReplies()
        .Send("7pm").SkipReplies()
        .Send("London").SkipReplies()
        .Send("Show me the menu").SkipReplies();

    public Task<JourneyProfile?> ProfileAsync() => new ProfileStore(Storage).ReadAsync(Partition, default);

    /// <summary>Changes the stored profile between turns, as the proactive sender does.</summary>
    public async Task UpdateProfileAsync(Action<JourneyProfile> change) =>
        Assert.True(await new ProfileStore(Storage).UpdateAsync(Partition, change, default), "the person has a stored profile to change");

    public async Task<int> RowCountAsync(string prefix = "") => (await Storage.QueryAsync(Partition, prefix, int.MaxValue, default)).Count;
}
