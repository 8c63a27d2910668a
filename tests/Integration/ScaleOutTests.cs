using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Journey;
using TrustBot.State;
using TrustBot.Testing;
using TrustBot.Tests.Storage;
using Xunit.Abstractions;

namespace TrustBot.Tests.Integration;

/// <summary>
/// TrustBot scaled out: two instances over one storage account (Azurite) behind a load balancer that
/// sends each request to the next instance in turn, with no session affinity, and a channel that
/// records what the bot sends. Each test has its own people and its own day on the shared clock.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class ScaleOutTests(AzuriteFixture azurite, TwoInstancesBehindProxy bots, ITestOutputHelper output)
    : IClassFixture<TwoInstancesBehindProxy>, IAsyncLifetime
{
    private const string Menu = "What would you like to do?";

    /// <summary>The menu's answer to a message it cannot place, such as a repeated "skip".</summary>
    private const string NotUnderstood = "I'm not sure I understood that.";

    private static readonly string[] Onboarding = ["hi", "Yes", "Sam", "I was hurt", "Dishonesty", "Yes", "Every day", "7pm", "London", "Show me the menu"];

    public async Task InitializeAsync()
    {
        await bots.StartAsync(azurite);
        bots.Proxy.Reset();
        foreach (var instance in bots.Instances) instance.Attempts.Reset();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Say(IEnumerable<Activity> replies) => string.Join("\n", replies.Select(TestFlow.TextOf));

    /// <summary>What a person sees of a reply: its text, its buttons and the kinds of its attachments.</summary>
    private static string Seen(Activity a) =>
        $"{TestFlow.TextOf(a)} [{string.Join(" | ", TestFlow.ButtonsOf(a))}] {string.Join(",", (a.Attachments ?? []).Select(x => x.ContentType))}";

    /// <summary>Answers the bot's last question the way a cooperative person types it.</summary>
    private static string AnswerTo(Activity question, int trust)
    {
        var buttons = TestFlow.ButtonsOf(question);
        var text = TestFlow.TextOf(question);
        foreach (var preferred in new[] { "Mark as done", "No", "Skip", "Done", "I'm done", "Not now", "That's all" })
            if (buttons.Contains(preferred)) return preferred;
        if (text.Contains("1 to 10", StringComparison.OrdinalIgnoreCase)) return trust.ToString(CultureInfo.InvariantCulture);
        if (text.Contains("I feel", StringComparison.Ordinal)) return "i feel hopeful when we talk calmly because it helps me trust again";
        if (text.Contains("apolog", StringComparison.OrdinalIgnoreCase) && text.Contains("draft", StringComparison.OrdinalIgnoreCase))
            return "I'm sorry I lied to you about the money. I know it hurt you and made it hard to rely on me. That was my choice and I take responsibility for it. From now on I will be open about our finances.";
        if (text.Contains("skip", StringComparison.OrdinalIgnoreCase)) return "skip";
        if (buttons.Count > 0) return buttons[0];
        return "i want to keep going, one small step at a time";
    }

    private async Task<JourneyProfile> ProfileAsync(ChannelPerson person) => (await StoredState.ProfileAsync(bots.Tables, person.Partition))!;

    /// <summary>The person's journey records (all but the conversation reference) as kind and JSON, in a stable order.</summary>
    private async Task<List<string>> RecordsAsync(ChannelPerson person)
    {
        var records = new List<string>();
        foreach (var kind in RecordKinds.All.Where(k => k != RecordKinds.Reference))
            records.AddRange((await bots.Tables.QueryAsync(person.Partition, kind + "/", 1000, default)).Select(r => kind + " " + r.Value.Json));
        return [.. records.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_whole_journey_with_every_turn_on_the_other_instance_reads_and_stores_exactly_as_on_one_instance()
    {
        var clock = bots.Clock;
        clock.Set(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
        var stopwatch = Stopwatch.StartNew();
        // The same person twice: one talks through the proxy, so every turn lands on the other instance than
        // the last (each instance's cached state is two turns old); the other talks to instance 0 only.
        var alternating = bots.Person("journey-alternating", "journey");
        var alone = bots.Person("journey-alone", "journey");
        var sent = new List<string>();
        var turn = 0;

        async Task<List<Activity>> TurnAsync(string text)
        {
            turn++;
            var expected = await alone.SayAsync(bots.Instances[0].Direct, bots.Channel, text);
            var replies = await alternating.SayAsync(bots.Client, bots.Channel, text);
            sent.Add(text);
            Assert.NotEmpty(expected);
            Assert.True(expected.Select(Seen).SequenceEqual(replies.Select(Seen)),
                $"turn {turn} ('{text}') on instance {(turn - 1) % 2} answered\n{string.Join("\n", replies.Select(Seen))}\ninstead of\n{string.Join("\n", expected.Select(Seen))}");
            return replies;
        }

        // Consent and onboarding.
        var welcome = await TurnAsync("hi");
        Assert.Contains("TrustBot", Say(welcome));
        foreach (var text in Onboarding.Skip(1)) await TurnAsync(text);
        Assert.Contains(Menu, Say(await TurnAsync("menu")));

        // Steps 1 to 8, each answered until it is marked as done.
        List<Activity> last = [];
        for (var step = 1; step <= 8; step++)
        {
            last = await TurnAsync("continue my journey");
            for (var answers = 0; !(await ProfileAsync(alternating)).StepsDone.Contains(step); answers++)
            {
                Assert.True(answers < 30, $"step {step} did not finish within 30 answers; the bot last said: {Say(last)}");
                last = await TurnAsync(AnswerTo(last[^1], trust: 7));
            }
            clock.Advance(TimeSpan.FromHours(1));
        }

        // A check-in.
        last = await TurnAsync("check in");
        Assert.Contains("how much do you trust your partner today", Say(last));
        for (var answers = 0; (await ProfileAsync(alternating)).CheckInCount == 0; answers++)
        {
            Assert.True(answers < 10, $"the check-in did not finish within 10 answers; the bot last said: {Say(last)}");
            last = await TurnAsync(AnswerTo(last[^1], trust: 7));
        }
        Assert.Contains("Trust today: 7/10", Say(last));
        var elapsed = stopwatch.Elapsed;

        // Every turn went to the other instance than the one before, ran there, and was answered 200.
        var log = bots.Proxy.Log;
        Assert.Equal(sent.Count, log.Count);
        Assert.All(log, r => Assert.Equal((int)HttpStatusCode.OK, r.Status));
        Assert.All(log.Zip(log.Skip(1)), pair => Assert.NotEqual(pair.First.Upstream, pair.Second.Upstream));
        for (var i = 0; i < sent.Count; i++)
            Assert.True(bots.Instances[log[i].Upstream].Turns.Ran($"{alternating.UserId}-{i + 1}"), $"turn {i + 1} did not run on instance {log[i].Upstream}");

        // Every answer is stored, as one instance stores it.
        var profile = await ProfileAsync(alternating);
        Assert.Equal<(bool?, bool)>((true, true), (profile.Consented, profile.OnboardingDone));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], profile.StepsDone);
        Assert.Equal((1, 7), (profile.CheckInCount, profile.LastTrust));
        var records = await RecordsAsync(alternating);
        Assert.Equal(await RecordsAsync(alone), records);
        Assert.Single(records, r => r.StartsWith(RecordKinds.CheckIn + " ", StringComparison.Ordinal));
        Assert.Contains(records, r => r.StartsWith(RecordKinds.Journal + " ", StringComparison.Ordinal));
        Assert.Contains(records, r => r.StartsWith(RecordKinds.Boundary + " ", StringComparison.Ordinal));
        Assert.Equal(
            JsonNode.Parse(JsonSerializer.Serialize(await ProfileAsync(alone), JourneyJson.Default.JourneyProfile))!.ToJsonString(),
            JsonNode.Parse(JsonSerializer.Serialize(profile, JourneyJson.Default.JourneyProfile))!.ToJsonString());

        var reruns = bots.Instances.Sum(i => i.Attempts.Attempts.Count(a => a > 1));
        output.WriteLine($"journey: {sent.Count} turns alternating between 2 instances (and the same on one instance) in {elapsed.TotalSeconds:0.0} s; turns run again after a stale cache: {reruns}; records: {records.Count}");
        foreach (var (text, i) in sent.Select((t, i) => (t, i))) output.WriteLine($"{i + 1,3} [{log[i].Upstream}] > {text}");
    }
    /// <summary>A person's whole day: onboarding, a check-in with a win, a second check-in whose last answer is sent several times at once.</summary>
    private async Task<List<List<Activity>>> TwoCheckInsAsync(ChannelPerson person, int burst)
    {
        async Task<string> SayAsync(string text) => Say(await person.SayAsync(bots.Client, bots.Channel, text));

        foreach (var text in Onboarding.SkipLast(1)) await SayAsync(text);
        Assert.Contains(Menu, await SayAsync(Onboarding[^1]));

        Assert.Contains("how much do you trust your partner today", await SayAsync("check in"));
        Assert.Contains("How has communication", await SayAsync("7"));
        Assert.Contains("small win", await SayAsync("better"));
        Assert.Contains("setback", await SayAsync("we cooked dinner together"));
        var summary = await SayAsync("skip");
        Assert.Contains("Trust today: 7/10", summary);
        Assert.Contains(Menu, summary);

        Assert.Contains("how much do you trust your partner today", await SayAsync("check in"));
        Assert.Contains("How has communication", await SayAsync("6"));
        Assert.Contains("small win", await SayAsync("about the same"));
        Assert.Contains("setback", await SayAsync("skip"));
        // Impatient taps: the last answer sent 2 to 4 times at once, spread over both instances by the proxy.
        var answers = await Task.WhenAll(Enumerable.Range(0, burst).Select(_ => person.SendAsync(bots.Client, bots.Channel, "skip")));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        return [.. answers.Select(a => a.Replies)];
    }

    [Fact]
    public async Task Twenty_people_checking_in_at_once_across_both_instances_lose_no_update_and_get_each_reply_once()
    {
        bots.Clock.Set(new DateTimeOffset(2026, 11, 9, 12, 0, 0, TimeSpan.Zero));
        var people = Enumerable.Range(0, 20).Select(i => bots.Person($"checkin-{i}", $"checkin-chat-{i}")).ToList();
        var stopwatch = Stopwatch.StartNew();

        var bursts = await Task.WhenAll(people.Select((p, i) => Task.Run(() => TwoCheckInsAsync(p, burst: 2 + i % 3))));
        var elapsed = stopwatch.Elapsed;

        var log = bots.Proxy.Log;
        Assert.Equal(people.Count * 19 + bursts.Sum(b => b.Count), log.Count);
        Assert.All(log, r => Assert.Equal((int)HttpStatusCode.OK, r.Status));
        for (var i = 0; i < people.Count; i++)
        {
            var person = people[i];
            // One of the repeated answers finished the check-in; the others found it finished.
            var summaries = bursts[i].SelectMany(r => r).Count(a => TestFlow.TextOf(a).Contains("Trust now: 6/10", StringComparison.Ordinal));
            Assert.True(summaries == 1, $"{person.UserId} got {summaries} check-in summaries for {bursts[i].Count} taps: {string.Join(" / ", bursts[i].Select(Say))}");
            Assert.All(bursts[i], replies => Assert.True(Say(replies).Contains("Trust now: 6/10", StringComparison.Ordinal) || Say(replies).Contains(NotUnderstood, StringComparison.Ordinal),
                $"{person.UserId}'s extra tap was answered: {Say(replies)}"));

            var profile = await ProfileAsync(person);
            Assert.Equal((2, 1, 6), (profile.CheckInCount, profile.WinCount, profile.LastTrust));
            var records = await RecordsAsync(person);
            Assert.Equal(2, records.Count(r => r.StartsWith(RecordKinds.CheckIn + " ", StringComparison.Ordinal)));
            Assert.Equal(1, records.Count(r => r.StartsWith(RecordKinds.Win + " ", StringComparison.Ordinal)));
        }

        // Nothing was delivered twice: every reply answers exactly one of the person's messages, once; no turn failed.
        var deliveries = bots.Channel.ConnectorRequests.Where(r => r.Path.Contains("/checkin-chat-", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(deliveries, r => r.Body.Contains("went wrong", StringComparison.Ordinal));
        var repeated = deliveries.GroupBy(r => (r.Path, TestFlow.TextOf(JsonSerializer.Deserialize(r.Body, Schema.ProtocolJson.Default.Activity)!))).Where(g => g.Count() > 1).ToList();
        Assert.True(repeated.Count == 0, $"delivered twice: {string.Join("; ", repeated.Select(g => g.Key.Path))}");

        var attempts = bots.Instances.SelectMany(i => i.Attempts.Attempts).ToList();
        output.WriteLine($"20 people, {log.Count} turns through the proxy in {elapsed.TotalSeconds:0.0} s ({log.Count(r => r.Upstream == 0)} on instance 0, {log.Count(r => r.Upstream == 1)} on instance 1); "
            + $"turns run more than once: {attempts.Count(a => a > 1)} (most attempts {attempts.DefaultIfEmpty(0).Max()})");
        for (var i = 0; i < 3; i++) output.WriteLine($"{people[i].UserId} burst of {bursts[i].Count}: {string.Join(" / ", bursts[i].Select(Say))}");
    }

    /// <summary>Both instances' senders tick at the same moment; returns how many messages each sent.</summary>
    private async Task<int[]> TickBothAsync() =>
        await Task.WhenAll(bots.Instances.Select(i => Task.Run(() => i.Sender.TickAsync(CancellationToken.None))));

    [Fact]
    public async Task Both_instances_senders_remind_each_person_who_is_due_exactly_once_and_nobody_else()
    {
        var day = new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero); // London is on UTC in November
        bots.Clock.Set(day.AddHours(12));
        var stopwatch = Stopwatch.StartNew();
        var due = Enumerable.Range(0, 6).Select(i => bots.Person($"remind-due-{i}", $"remind-chat-due-{i}")).ToList();
        var checkedIn = Enumerable.Range(0, 2).Select(i => bots.Person($"remind-checked-in-{i}", $"remind-chat-checked-in-{i}")).ToList();
        var ninePm = Enumerable.Range(0, 2).Select(i => bots.Person($"remind-nine-{i}", $"remind-chat-nine-{i}")).ToList();

        async Task OnboardAsync(ChannelPerson person, string time)
        {
            foreach (var text in Onboarding) await person.SayAsync(bots.Client, bots.Channel, text == "7pm" ? time : text);
        }

        await Task.WhenAll(due.Concat(checkedIn).Select(p => Task.Run(() => OnboardAsync(p, "7pm"))).Concat(ninePm.Select(p => Task.Run(() => OnboardAsync(p, "9pm")))));
        bots.Clock.Set(day.AddHours(15));
        await Task.WhenAll(checkedIn.Select(p => Task.Run(async () =>
        {
            foreach (var text in new[] { "check in", "8", "better", "skip", "skip" }) await p.SayAsync(bots.Client, bots.Channel, text);
            Assert.Equal(1, (await ProfileAsync(p)).CheckInCount);
        })));
        var everyone = due.Concat(checkedIn).Concat(ninePm).ToList();
        var before = bots.Channel.ConnectorRequests.Count;
        var talked = stopwatch.Elapsed;

        // 7pm: both senders at once, twice in that minute and once the minute after.
        bots.Clock.Set(day.AddHours(19).AddSeconds(20));
        var sevenPm = (await TickBothAsync()).Concat(await TickBothAsync()).ToList();
        bots.Clock.Set(day.AddHours(19).AddMinutes(1).AddSeconds(10));
        sevenPm.AddRange(await TickBothAsync());
        Assert.Equal(due.Count, sevenPm.Sum());
        foreach (var person in due)
        {
            var reminder = Assert.Single(bots.Channel.StartedIn(person.ConversationId));
            Assert.Contains("check-in", TestFlow.TextOf(reminder), StringComparison.OrdinalIgnoreCase);
        }
        Assert.All(checkedIn.Concat(ninePm), p => Assert.Empty(bots.Channel.StartedIn(p.ConversationId)));

        // 9pm: the two who chose it, once each; still nothing more for anyone else.
        bots.Clock.Set(day.AddHours(21).AddSeconds(20));
        var ninePmSent = (await TickBothAsync()).Concat(await TickBothAsync()).ToList();
        Assert.Equal(ninePm.Count, ninePmSent.Sum());
        Assert.All(ninePm, p => Assert.Single(bots.Channel.StartedIn(p.ConversationId)));
        Assert.All(due, p => Assert.Single(bots.Channel.StartedIn(p.ConversationId)));
        Assert.All(checkedIn, p => Assert.Empty(bots.Channel.StartedIn(p.ConversationId)));
        // Every message the senders sent went to one of these people, and nothing else reached the channel.
        var sentByTicks = bots.Channel.ConnectorRequests.Skip(before).ToList();
        Assert.Equal(due.Count + ninePm.Count, sentByTicks.Count);
        Assert.All(sentByTicks, r => Assert.Contains(everyone, p => r.Path == $"/v3/conversations/{p.ConversationId}/activities"));
        Assert.All(bots.Proxy.Log, r => Assert.Equal((int)HttpStatusCode.OK, r.Status));

        output.WriteLine($"reminders: {due.Count + ninePm.Count} sent exactly once by two senders ticking together (7pm ticks per instance [{string.Join(", ", sevenPm)}], 9pm [{string.Join(", ", ninePmSent)}]); 10 people onboarded and 2 checked in through the proxy in {talked.TotalSeconds:0.0} s, the ticks took {(stopwatch.Elapsed - talked).TotalSeconds:0.0} s");
    }
}
