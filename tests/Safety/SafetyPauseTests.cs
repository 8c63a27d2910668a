using TrustBot.Bot.Proactive;
using TrustBot.Journey;
using TrustBot.Tests.Connector;
using TrustBot.Tests.Journey;
using TrustBot.Tests.Proactive;

namespace TrustBot.Tests.Safety;

/// <summary>
/// After a danger disclosure nothing pops up from the bot for a while: the person's check-in reminders (daily at
/// 7pm London in the harness; the clock starts at 18:00 UTC) pause, through the real sender and connector client.
/// </summary>
public sealed class SafetyPauseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SevenPm = new(2026, 11, 2, 19, 0, 0, TimeSpan.Zero);

    private LoopbackSenderRig _rig = null!;

    private FakeChannelServer _channel => _rig.Channel;

    public async Task InitializeAsync() => _rig = await LoopbackSenderRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private ProactiveSender Sender(JourneyHarness h) => _rig.Sender(h);

    [Fact]
    public async Task Reminders_pause_for_three_days_after_a_danger_disclosure_then_come_back()
    {
        var h = new JourneyHarness();
        h.Adapter.Conversation.ServiceUrl = _channel.Url + "/";
        await h.Onboarded().Send("he hits me when he's drunk").SkipReplies().StartTestAsync();
        var sender = Sender(h);

        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));
        Assert.Equal(0, await sender.TickAsync(default));
        h.Clock.SetUtcNow(SevenPm.AddDays(1).AddSeconds(20));
        Assert.Equal(0, await sender.TickAsync(default));
        Assert.Empty(_channel.ConnectorRequests);

        // The pause ends 72 hours after the disclosure (18:00 on the 5th); the reminder comes at the person's 7pm.
        Assert.Equal(DueIndex.PartitionFor(SevenPm.AddDays(3)), (await h.ProfileAsync())!.ScheduledDueKey);
        h.Clock.SetUtcNow(SevenPm.AddDays(3).AddSeconds(20));
        Assert.Equal(1, await sender.TickAsync(default));
        Assert.Single(_channel.ConnectorRequests);
    }

    [Fact]
    public void Schedule_holds_every_kind_of_message_until_the_pause_ends_and_a_zero_pause_holds_nothing()
    {
        var disclosed = new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.Zero);
        var profile = new JourneyProfile
        {
            Consented = true, OnboardingDone = true, Rhythm = CheckInRhythm.Daily, ReminderTime = new TimeOnly(19, 0), TimeZone = "Europe/London",
            LastSeenAt = disclosed.AddDays(-10), StepsDone = [1], PlannedTalkAt = disclosed.AddDays(1), LastSafetyMessageAt = disclosed,
        };

        var next = ReminderSchedule.Next(profile, disclosed, ReminderRules.Default)!;
        Assert.True(next.DueAt >= disclosed.AddHours(72), $"due {next.DueAt:u}, inside the pause");

        var unpaused = ReminderSchedule.Next(profile, disclosed, ReminderRules.Default with { SafetyPause = TimeSpan.Zero })!;
        Assert.True(unpaused.DueAt < disclosed.AddDays(1), $"due {unpaused.DueAt:u}, though the pause is off");
    }
}
