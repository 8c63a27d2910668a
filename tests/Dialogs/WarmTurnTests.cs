using Microsoft.Extensions.Time.Testing;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Testing;
using TrustBot.Tests.Integration;
using TrustBot.Turns;
using TrustBot.Tests.Storage;

namespace TrustBot.Tests.Dialogs;

/// <summary>The state cache (warm turns read nothing) and one-at-a-time turns per person and conversation, in process.</summary>
public sealed class WarmTurnTests
{
    private static readonly string[] Onboarding =
        ["hi", "Yes", "Sam", "I was hurt", "Dishonesty", "Yes", "Every day", "7pm", "London", "Show me the menu"];

    private static readonly string[] CheckIn = ["check in", "7", "Better", "skip", "skip"];

    private static readonly DateTimeOffset Start = new(2026, 11, 2, 18, 0, 0, TimeSpan.Zero);

    /// <summary>One bot instance: its own cache and turn locks over a storage it may share with other instances.</summary>
    private sealed class Instance
    {
        public Instance(IStorage storage, FakeTimeProvider clock, int maxPeople = 100, TimeSpan? maxAge = null)
        {
            Cache = new StateCache(maxPeople, maxAge ?? TimeSpan.FromMinutes(5), clock);
            Adapter = new TestAdapter(clock);
            Adapter.Use(Attempts);
            Bot = new TrustBotHandler(storage, clock, new JourneyOptions(), cache: Cache);
        }

        public StateCache Cache { get; }
        public TestAdapter Adapter { get; }
        public TrustBotHandler Bot { get; }
        public AttemptRecorder Attempts { get; } = new();

        public Task SendAsync(string text) =>
            Adapter.ProcessActivityAsync(Activity.CreateMessage(text), Bot.OnTurnAsync, default);

        public async Task<List<string>> SayAsync(string text)
        {
            Adapter.ClearReplies();
            await SendAsync(text);
            return Replies();
        }

        public List<string> Replies()
        {
            var texts = new List<string>();
            while (Adapter.NextReply() is { } reply) texts.Add(TestFlow.TextOf(reply));
            return texts;
        }

        public async Task OnboardAsync()
        {
            foreach (var text in Onboarding) await SendAsync(text);
            Adapter.ClearReplies();
        }
    }

    [Fact]
    public async Task Warm_check_in_turns_read_nothing_and_write_once_each()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = new CountingStorage(new MemoryStorage());
        var bot = new Instance(storage, clock);
        await bot.OnboardAsync();

        storage.Reset();
        foreach (var text in CheckIn) await bot.SendAsync(text);

        Assert.Contains(bot.Replies(), r => r.Contains("Trust today: 7/10", StringComparison.Ordinal));
        Assert.Equal((0, 0, CheckIn.Length), (storage.Reads, storage.Queries, storage.Writes));
    }

    [Fact]
    public async Task A_restarted_instance_reads_once_then_runs_warm()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = new CountingStorage(new MemoryStorage());
        await new Instance(storage, clock).OnboardAsync();

        var restarted = new Instance(storage, clock);
        storage.Reset();
        Assert.Contains("how much do you trust your partner today?", string.Join("\n", await restarted.SayAsync("check in")), StringComparison.Ordinal);
        Assert.Equal((1, 1), (storage.Reads, storage.Writes));

        storage.Reset();
        await restarted.SayAsync("7");
        Assert.Equal((0, 1), (storage.Reads, storage.Writes));
    }

    [Fact]
    public async Task A_cached_person_older_than_the_age_limit_is_read_again()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = new CountingStorage(new MemoryStorage());
        var bot = new Instance(storage, clock, maxAge: TimeSpan.FromMinutes(2));
        await bot.OnboardAsync();

        clock.Advance(TimeSpan.FromMinutes(1));
        storage.Reset();
        await bot.SayAsync("check in");
        Assert.Equal(0, storage.Reads);

        clock.Advance(TimeSpan.FromMinutes(3));
        storage.Reset();
        await bot.SayAsync("7");
        Assert.Equal(1, storage.Reads);
    }

    [Fact]
    public async Task The_cache_keeps_only_the_most_recently_active_people()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = new CountingStorage(new MemoryStorage());
        var bot = new Instance(storage, clock, maxPeople: 2);
        foreach (var user in new[] { "ana", "ben", "cai" })
        {
            bot.Adapter.Conversation.User = new ChannelAccount { Id = user, Name = user, Role = RoleTypes.User };
            await bot.SayAsync("hi");
        }
        Assert.Equal(2, bot.Cache.Count);

        storage.Reset();
        await bot.SayAsync("Yes"); // cai, the most recent: warm
        bot.Adapter.Conversation.User = new ChannelAccount { Id = "ana", Name = "ana", Role = RoleTypes.User };
        await bot.SayAsync("Yes"); // ana, the least recent: forgotten when cai arrived
        Assert.Equal(1, storage.Reads);
    }

    [Fact]
    public async Task A_stale_cache_on_another_instance_reloads_and_loses_no_win()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = new MemoryStorage();
        var a = new Instance(storage, clock);
        var b = new Instance(storage, clock);
        await a.OnboardAsync();

        // Instance B serves the person's next messages; A still holds their state from onboarding.
        await b.SayAsync("wins");
        await b.SayAsync("Log a win");
        Assert.Contains(Encouragement.CelebrateWin(1), await b.SayAsync("We cooked dinner together"));

        a.Attempts.Reset();
        var fromA = await a.SayAsync("wins");
        Assert.Equal([2], a.Attempts.Attempts); // A's write met B's newer ETag: reloaded and ran again
        Assert.DoesNotContain(fromA, r => r.Contains("went wrong", StringComparison.Ordinal));
        await a.SayAsync("Log a win");
        Assert.Contains(Encouragement.CelebrateWin(2), await a.SayAsync("A long walk and a real talk"));

        var h = new TrustBot.Tests.Journey.JourneyHarness(storage);
        var profile = await h.ProfileAsync();
        Assert.Equal(2, profile!.WinCount);
        Assert.Equal(2, await h.RowCountAsync(RecordKinds.Win + "/"));
    }

    [Fact]
    public async Task Ten_messages_typed_at_once_run_in_order_and_every_win_is_stored()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = new SlowWrites(new MemoryStorage());
        var bot = new Instance(storage, clock);
        await bot.OnboardAsync();
        bot.Attempts.Reset();

        string[] burst = ["wins", "Log a win", "Win one", "wins", "Log a win", "Win two", "wins", "Log a win", "Win three", "progress"];
        // Each turn reaches its person's lock before the next one starts, as messages arriving in this order would.
        var turns = burst.Select(bot.SendAsync).ToList();
        await Task.WhenAll(turns);

        var replies = bot.Replies();
        HashSet<string> celebrations = [.. Enumerable.Range(1, 50).Select(Encouragement.CelebrateWin)];
        Assert.Equal([Encouragement.CelebrateWin(1), Encouragement.CelebrateWin(2), Encouragement.CelebrateWin(3)], replies.Where(celebrations.Contains));
        Assert.DoesNotContain(replies, r => r.Contains("went wrong", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Repeat(1, burst.Length), bot.Attempts.Attempts);
        Assert.True(storage.MostAtOnce == 1, $"{storage.MostAtOnce} writes of one conversation overlapped");

        var h = new TrustBot.Tests.Journey.JourneyHarness(storage);
        Assert.Equal(3, (await h.ProfileAsync())!.WinCount);
        var wins = await storage.QueryAsync(h.Partition, RecordKinds.Win + "/", 10, default);
        Assert.Equal(["Win one", "Win three", "Win two"], wins.Select(w => System.Text.Json.JsonSerializer.Deserialize(w.Value.Json, JourneyJson.Default.WinRecord)!.Text).Order());
    }

    [Fact]
    public async Task A_message_that_changes_nothing_on_an_instance_with_a_stale_cache_is_answered_from_what_is_stored()
    {
        var clock = new FakeTimeProvider(Start);
        var storage = new CountingStorage(new MemoryStorage());
        var a = new Instance(storage, clock);
        var b = new Instance(storage, clock);
        // A holds the person at the time zone question; B, behind the same load balancer, gets the answer.
        foreach (var text in Onboarding.TakeWhile(t => t != "London")) await a.SendAsync(text);
        Assert.Contains("Which time zone are you in?", a.Replies().Last(), StringComparison.Ordinal);
        await b.SayAsync("London");

        // Back on A: its cached dialog still asks for the time zone, and this message would change nothing there.
        a.Attempts.Reset();
        storage.Reset();
        var replies = await a.SayAsync("Show me the menu");

        Assert.Contains(replies, r => r.Contains("What would you like to do?", StringComparison.Ordinal));
        Assert.DoesNotContain(JourneyInterruptions.ResumeSetUpText, replies);
        Assert.Equal([2], a.Attempts.Attempts); // the check found B's newer state, and the turn ran again on it
        storage.Reset();
        await a.SayAsync("menu"); // now current: the check reads once and the replies stand
        Assert.Equal((1, 0), (storage.Reads, storage.Writes));
        Assert.Equal([2, 1], a.Attempts.Attempts);
    }

    [Fact]
    public async Task A_turn_waits_no_longer_than_the_bound_for_the_one_before_it()
    {
        var clock = new FakeTimeProvider(Start);
        var locks = new TurnLocks(TimeSpan.FromSeconds(10), clock);
        using var first = await locks.EnterAsync("person\nchat", default);
        var second = locks.EnterAsync("person\nchat", default);
        using var other = await locks.EnterAsync("person\nother chat", default);
        Assert.True(other.Acquired);
        Assert.False(second.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(11));
        using var late = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(late.Acquired); // it runs anyway, relying on the ETag check
    }

    /// <summary>Writes take a few real milliseconds, long enough for unserialised turns to overlap.</summary>
    private sealed class SlowWrites(IStorage inner) : PassThroughStorage(inner)
    {
        private int _running;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public override async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken ct)
        {
            var now = Interlocked.Increment(ref _running);
            int seen;
            while (now > (seen = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, now, seen) != seen)
            {
            }
            try
            {
                await Task.Delay(5, ct);
                return await Inner.WriteAsync(writes, ct);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }
}
