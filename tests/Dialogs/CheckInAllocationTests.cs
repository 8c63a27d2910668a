using Microsoft.Extensions.Time.Testing;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Testing;
using Xunit.Abstractions;

namespace TrustBot.Tests.Dialogs;

/// <summary>
/// What a daily check-in costs in memory, in process over MemoryStorage with the state cache on, as bench/run.sh
/// measures it (issue 10: at most 12 KB allocated per turn). Measured on this thread only, so tests running
/// alongside do not count; a turn here finishes on the thread that started it.
/// </summary>
public sealed class CheckInAllocationTests(ITestOutputHelper output)
{
    private static readonly string[] Onboarding =
        ["hi", "Yes", "Sam", "I was hurt", "Dishonesty", "Yes", "Every day", "7pm", "London", "Show me the menu"];

    private static readonly string[] CheckIn = ["check in", "7", "Better", "skip", "skip"];

    /// <summary>The target for a check-in turn.</summary>
    private const int TargetBytesPerTurn = 12 * 1024;

    [Fact]
    public void A_daily_check_in_allocates_less_than_12_KB_per_turn()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.Zero));
        var adapter = new TestAdapter(clock);
        // The cache ages on the real clock, as in the bench: the fake one jumps a day per check-in.
        var bot = new TrustBotHandler(new MemoryStorage(), clock, new JourneyOptions(), cache: new StateCache(100, TimeSpan.FromMinutes(5), TimeProvider.System));
        foreach (var text in Onboarding) Say(adapter, bot, Activity.CreateMessage(text));

        // Enough check-ins first for the process-wide memos (prompt options, dialog ids, document layouts) to hold this journey.
        for (var i = 0; i < 50; i++) CheckInOnce(adapter, bot, clock, Messages(CheckIn));

        // The person's messages are made beforehand, as the channel's adapter makes them before the turn.
        const int Measured = 100;
        var messages = Enumerable.Range(0, Measured).Select(_ => Messages(CheckIn)).ToList();
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var checkIn in messages) CheckInOnce(adapter, bot, clock, checkIn);
        var perTurn = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(Measured * CheckIn.Length);

        output.WriteLine($"{perTurn:0} bytes allocated per check-in turn");
        // The figure is the check-in's only while the conversation stays on it: the next one still ends in its summary.
        foreach (var text in CheckIn[..^1]) Say(adapter, bot, Activity.CreateMessage(text));
        Run(adapter, bot, Activity.CreateMessage(CheckIn[^1]));
        Assert.Contains("Trust today: 7/10", TestFlow.TextOf(adapter.NextReply()!));
        Assert.True(perTurn < TargetBytesPerTurn, $"{perTurn:0} bytes allocated per check-in turn (at most {TargetBytesPerTurn})");
    }

    private static Activity[] Messages(string[] texts) => texts.Select(Activity.CreateMessage).ToArray();

    private static void CheckInOnce(TestAdapter adapter, TrustBotHandler bot, FakeTimeProvider clock, Activity[] messages)
    {
        foreach (var message in messages) Say(adapter, bot, message);
        clock.Advance(TimeSpan.FromDays(1));
    }

    /// <summary>One turn, its replies dropped.</summary>
    private static void Say(TestAdapter adapter, TrustBotHandler bot, Activity message)
    {
        Run(adapter, bot, message);
        // Read off, not cleared: clearing the reply queue makes it a new segment, which is the test's allocation, not the bot's.
        while (adapter.NextReply() is not null) { }
        adapter.Sent.Clear();
    }

    /// <summary>One turn, run to its end on this thread (the per-thread count would miss work finished elsewhere).</summary>
    private static void Run(TestAdapter adapter, TrustBotHandler bot, Activity message)
    {
        var turn = adapter.ProcessActivityAsync(message, bot.OnTurnAsync, CancellationToken.None);
        Assert.True(turn.IsCompleted, $"the turn for \"{message.Text}\" did not finish on its own thread, so its allocations cannot be counted");
        turn.GetAwaiter().GetResult();
    }
}
