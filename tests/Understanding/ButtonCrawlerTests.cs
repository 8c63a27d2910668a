using System.Text.Json.Nodes;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Testing;
using TrustBot.Tests.Journey;
using Xunit.Abstractions;

namespace TrustBot.Tests.Understanding;

/// <summary>
/// Every button, clicked: walks the whole journey for each role and rendering, and at every reply with buttons
/// clicks each one exactly as the channel sends it, in a copy of the conversation. Each click must move the
/// conversation on: some reply, never the open question's retry, never only the same question again.
/// </summary>
public sealed class ButtonCrawlerTests(ITestOutputHelper output)
{
    /// <summary>Bounds that keep one crawl well under ten seconds while still reaching all eight steps.</summary>
    private const int MaxStates = 400;
    private const int MaxDepth = 70;

    /// <summary>What a click must never produce: the retry, a clarification, a generic miss.</summary>
    private static readonly string[] MissMarkers = ["Sorry, I didn't quite get that", "I think you mentioned more than one", "Pick one of these", "I'm not sure I understood that"];

    [Theory]
    [InlineData(Channels.Webchat, "I was hurt")]
    [InlineData(Channels.Webchat, "I broke the trust")]
    [InlineData(Channels.Webchat, "We're both working on it")]
    [InlineData(Channels.Msteams, "I was hurt")]
    [InlineData(Channels.Msteams, "I broke the trust")]
    [InlineData(Channels.Msteams, "We're both working on it")]
    [InlineData(Channels.Emulator, "I was hurt")]
    [InlineData(Channels.Emulator, "I broke the trust")]
    [InlineData(Channels.Emulator, "We're both working on it")]
    public async Task Every_button_of_every_reachable_reply_moves_the_conversation_on(string channel, string role)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var start = new JourneyHarness(channelId: channel);
        await start.Flow().Send("hi").StartTestAsync();
        var firstReplies = Drain(start.Adapter);

        var queue = new Queue<Node>();
        queue.Enqueue(new Node((MemoryStorage)start.Storage, firstReplies, 0, ["user: hi"], Side: false));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clicks = 0;
        var stepsReached = new HashSet<int>();
        var failures = new List<string>();
        var visited = new List<string>();

        while (queue.Count > 0 && seen.Count < MaxStates)
        {
            var node = queue.Dequeue();
            var prompt = node.Replies.LastOrDefault();
            if (prompt is null || node.Depth > MaxDepth) continue;
            // The journey's spine (onboarding, the menu, the steps opened from it) is told apart by the next step, so each
            // step is walked once it is the next one; side flows (check-in, wins, reminders...) are walked once.
            var key = node.Side ? Signature(prompt) : Signature(prompt) + "#" + await NextStepAsync(node.Storage, channel);
            if (!seen.Add(key)) continue;
            visited.Add(Signature(prompt).Replace("\n", " / ")[..Math.Min(160, Signature(prompt).Length)]);
            foreach (var line in node.Replies.Select(TestFlow.TextOf))
                if (StepOpened(line) is { } step) stepsReached.Add(step);

            var buttons = OfferedButton.Of(prompt);
            var retries = await RetryTextsAsync(node.Storage, start);
            if (buttons.Count == 0)
            {
                // A free-text question: type a plausible answer so the walk can go on (not counted as a click).
                var typed = TypedAnswer(TestFlow.TextOf(prompt));
                var (storage, replies) = await SendAsync(node.Storage, channel, Activity.CreateMessage(typed));
                if (replies.Count > 0) queue.Enqueue(new Node(storage, replies, node.Depth + 1, [.. node.Path, $"user: {typed}"], node.Side));
                continue;
            }

            foreach (var button in buttons)
            {
                // The role question is answered with this crawl's role only, so each crawl walks one role's journey.
                if (IsRoleQuestion(prompt) && button.Title != role)
                {
                    clicks++;
                    var (_, other) = await SendAsync(node.Storage, channel, button.Click());
                    Check(node, prompt, button, other, retries, failures);
                    continue;
                }
                clicks++;
                var (next, replies) = await SendAsync(node.Storage, channel, button.Click());
                Check(node, prompt, button, replies, retries, failures);
                var side = node.Side || (IsMenu(prompt) && !button.Title.StartsWith("Continue my journey", StringComparison.Ordinal));
                if (replies.Count > 0) queue.Enqueue(new Node(next, replies, node.Depth + 1, [.. node.Path, $"user clicks: {button.Title}"], side));
            }
        }

        output.WriteLine($"{channel} / {role}: clicked {clicks} buttons across {seen.Count} distinct replies in {watch.ElapsedMilliseconds} ms; steps opened: {string.Join(",", stepsReached.Order())}");
        ButtonCrawlerTotals.Record(channel, clicks);
        Assert.True(failures.Count == 0, $"{failures.Count} clicks did not move the conversation on:\n\n{string.Join("\n\n", failures.Take(8))}");
        Assert.True(stepsReached.Count == 8, $"steps opened: {string.Join(",", stepsReached.Order())}; replies visited:\n{string.Join("\n", visited)}");
        Assert.True(clicks > 100, $"only {clicks} clicks: the crawl did not get far");
    }

    private static void Check(Node node, Activity prompt, OfferedButton button, IReadOnlyList<Activity> replies, IReadOnlyCollection<string> retries, List<string> failures)
    {
        string? problem = null;
        if (replies.Count == 0 || replies.All(r => string.IsNullOrWhiteSpace(TestFlow.TextOf(r)) && (r.Attachments?.Count ?? 0) == 0))
            problem = "no reply";
        else if (replies.FirstOrDefault(r => retries.Contains(r.Text ?? "\u0000") || MissMarkers.Any(m => TestFlow.TextOf(r).Contains(m, StringComparison.Ordinal))) is { } retry)
            problem = $"the retry: \"{TestFlow.TextOf(retry)}\"";
        else if (replies.All(r => Signature(r) == Signature(prompt)))
            problem = "the same question again";
        if (problem is null) return;
        var path = string.Join("\n  ", node.Path.TakeLast(12));
        var said = string.Join("\n  ", replies.Select(r => "bot: " + TestFlow.TextOf(r).Replace("\n", " / ")));
        failures.Add($"Clicking \"{button.Title}\" at \"{TestFlow.TextOf(prompt)}\" gave {problem}.\n  ...\n  {path}\n  user clicks: {button.Title}\n  {said}");
    }

    private static async Task<(MemoryStorage Storage, IReadOnlyList<Activity> Replies)> SendAsync(MemoryStorage from, string channel, Activity activity)
    {
        var storage = from.Clone();
        var h = new JourneyHarness(storage, channel);
        await h.Adapter.ProcessActivityAsync(activity, h.Bot.OnTurnAsync, CancellationToken.None);
        return (storage, Drain(h.Adapter));
    }

    /// <summary>The retry texts of the questions waiting in the stored dialog stack: a click must never get one of these.</summary>
    private static async Task<IReadOnlyCollection<string>> RetryTextsAsync(MemoryStorage storage, JourneyHarness any)
    {
        var rows = await storage.QueryAsync(any.Partition, "conversations/", 10, CancellationToken.None);
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows) Collect(JsonNode.Parse(row.Value.Json), texts);
        return texts;
    }

    private static void Collect(JsonNode? node, HashSet<string> texts)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "retryPrompt" && value?["text"] is JsonValue t && t.TryGetValue<string>(out var s)) texts.Add(s);
                    else Collect(value, texts);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Collect(item, texts);
                break;
        }
    }

    private static bool IsRoleQuestion(Activity prompt) => TestFlow.ButtonsOf(prompt).Contains("I broke the trust");

    private static int? StepOpened(string text)
    {
        for (var step = 1; step <= 8; step++)
            if (text.StartsWith($"Step {step} is", StringComparison.Ordinal) || text.Contains($"Step {step}: ", StringComparison.Ordinal) && text.StartsWith("Step", StringComparison.Ordinal)) return step;
        return null;
    }

    /// <summary>What a person would type at a question without buttons.</summary>
    private static string TypedAnswer(string question)
    {
        var q = question.ToLowerInvariant();
        if (q.Contains("what should i call you")) return "Sam";
        if (q.Contains("time zone")) return "London";
        if (q.Contains("what time")) return "7pm";
        if (q.Contains("1 to 10") || q.Contains("1-10") || q.Contains("scale")) return "6";
        if (q.Contains("when") && (q.Contains("talk") || q.Contains("day"))) return "tomorrow at 7pm";
        return "I want us to be honest with each other and talk calmly.";
    }

    private static string Signature(Activity a) => TestFlow.TextOf(a) + " [" + string.Join("|", TestFlow.ButtonsOf(a)) + "]";

    private static List<Activity> Drain(TestAdapter adapter)
    {
        var list = new List<Activity>();
        while (adapter.NextReply() is { } r) list.Add(r);
        return list;
    }

    private sealed record Node(MemoryStorage Storage, IReadOnlyList<Activity> Replies, int Depth, IReadOnlyList<string> Path, bool Side);

    private static bool IsMenu(Activity prompt) => TestFlow.ButtonsOf(prompt) is var b && b.Contains("Check in") && b.Contains("Help");

    private static async Task<string> NextStepAsync(MemoryStorage storage, string channel)
    {
        var profile = await new JourneyHarness(storage, channel).ProfileAsync();
        return (profile is null ? null : TrustBot.Journey.JourneySteps.Standard.NextStep(profile))?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? (profile is null ? "new" : "all");
    }
}

/// <summary>Click counts per rendering, summed over the roles, for the report.</summary>
internal static class ButtonCrawlerTotals
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Totals = new();

    public static void Record(string channel, int clicks)
    {
        var total = Totals.AddOrUpdate(channel, clicks, (_, c) => c + clicks);
        var line = $"{DateTime.UtcNow:O} {channel} +{clicks} = {total}\n";
        try
        {
            File.AppendAllText(Path.Combine(Path.GetTempPath(), "trustbot-button-crawler.log"), line);
        }
        catch (IOException)
        {
            // The log is a convenience for the report; the test's output line carries the same number.
        }
    }
}
