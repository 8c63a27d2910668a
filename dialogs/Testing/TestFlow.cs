using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Testing;

/// <summary>A failed expectation in a conversation test, with the transcript so far.</summary>
internal sealed class TestFlowException(string message) : Exception(message);

/// <summary>
/// Reads like a transcript: what the person sends, then what the bot should answer.
/// <code>
/// await new TestFlow(adapter, bot).Send("hi").AssertReply("Hello!").AssertSuggestedActions("Yes", "Not now").StartTestAsync();
/// </code>
/// </summary>
internal sealed class TestFlow
{
    private readonly TestAdapter _adapter;
    private readonly BotCallbackHandler _callback;
    private readonly List<Func<Transcript, Task>> _steps;

    public TestFlow(TestAdapter adapter, IBot bot) : this(adapter, bot.OnTurnAsync)
    {
    }

    public TestFlow(TestAdapter adapter, BotCallbackHandler callback) : this(adapter, callback, [])
    {
    }

    private TestFlow(TestAdapter adapter, BotCallbackHandler callback, List<Func<Transcript, Task>> steps)
    {
        _adapter = adapter;
        _callback = callback;
        _steps = steps;
    }

    /// <summary>The person sends a text message.</summary>
    public TestFlow Send(string text) => Send(Activity.CreateMessage(text), $"user: {text}");

    /// <summary>The person clicks a card button whose submit carries <paramref name="value"/> and no text.</summary>
    public TestFlow SendSubmit(JsonNode value) => Send(new Activity { Type = ActivityTypes.Message, Value = value }, $"user (card submit): {value.ToJsonString()}");

    /// <summary>The person (or the bot, with <paramref name="botAdded"/>) joins the conversation.</summary>
    public TestFlow SendConversationUpdate(bool botAdded = false) => Then(t =>
    {
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            MembersAdded = [botAdded ? _adapter.Conversation.Bot! : _adapter.Conversation.User!],
        };
        return RunAsync(t, update, botAdded ? "(bot added to the conversation)" : "(person joined the conversation)");
    });

    /// <summary>Sends any activity.</summary>
    public TestFlow Send(Activity activity, string? description = null) =>
        Then(t => RunAsync(t, activity, description ?? $"user ({activity.Type}): {activity.Text}"));

    /// <summary>The next reply's text equals <paramref name="expected"/>.</summary>
    public TestFlow AssertReply(string expected) =>
        AssertReply(a => a.Text == expected, $"a reply \"{expected}\"");

    /// <summary>The next reply's text contains <paramref name="fragment"/> (case-insensitive).</summary>
    public TestFlow AssertReplyContains(string fragment) =>
        AssertReply(a => TextOf(a).Contains(fragment, StringComparison.OrdinalIgnoreCase), $"a reply containing \"{fragment}\"");

    /// <summary>The next reply satisfies <paramref name="predicate"/>.</summary>
    public TestFlow AssertReply(Func<Activity, bool> predicate, string description) => Then(t =>
    {
        var reply = t.Next();
        if (reply is null) Fail(t, $"Expected {description}, but the bot sent nothing more.");
        else if (!predicate(reply)) Fail(t, $"Expected {description}, but the last reply above did not match.");
        return Task.CompletedTask;
    });

    /// <summary>The next reply offers exactly these button titles (suggested actions or card buttons).</summary>
    public TestFlow AssertSuggestedActions(params string[] titles) =>
        AssertReply(a => ButtonsOf(a).SequenceEqual(titles), $"a reply with buttons [{string.Join(", ", titles)}]");

    /// <summary>Skips replies until one contains <paramref name="fragment"/>.</summary>
    public TestFlow AssertEventuallyContains(string fragment) => Then(t =>
    {
        while (t.Next() is { } reply)
            if (TextOf(reply).Contains(fragment, StringComparison.OrdinalIgnoreCase)) return Task.CompletedTask;
        Fail(t, $"Expected a reply containing \"{fragment}\" among the remaining replies.");
        return Task.CompletedTask;
    });

    /// <summary>The bot has nothing more to say.</summary>
    public TestFlow AssertNoReply() => Then(t =>
    {
        if (t.Next() is not null) Fail(t, "Expected no further reply.");
        return Task.CompletedTask;
    });

    /// <summary>Drops the replies not yet checked.</summary>
    public TestFlow SkipReplies() => Then(t =>
    {
        while (t.Next() is not null)
        {
        }
        return Task.CompletedTask;
    });

    /// <summary>Runs any check or action between turns.</summary>
    public TestFlow Do(Func<Task> action) => Then(_ => action());

    /// <summary>Runs the transcript.</summary>
    public async Task StartTestAsync()
    {
        var transcript = new Transcript(_adapter);
        foreach (var step in _steps) await step(transcript).ConfigureAwait(false);
    }

    /// <summary>Text of an activity including card text and button titles, for matching.</summary>
    public static string TextOf(Activity a)
    {
        var text = new StringBuilder(a.Text);
        foreach (var att in a.Attachments ?? [])
        {
            if (att.Content is JsonObject card) AppendCardText(card, text);
        }
        return text.ToString();
    }

    /// <summary>The titles of the reply's suggested actions, else of its card buttons.</summary>
    public static IReadOnlyList<string> ButtonsOf(Activity a)
    {
        if (a.SuggestedActions?.Actions is { Count: > 0 } actions) return actions.Select(x => x.Title ?? "").ToList();
        var titles = new List<string>();
        foreach (var att in a.Attachments ?? [])
        {
            if (att.Content is not JsonObject card) continue;
            titles.AddRange(CardButtons(card).Select(b => b["title"]?.GetValue<string>() ?? ""));
        }
        return titles;
    }

    /// <summary>A card's buttons in order: a hero card's <c>buttons</c>, an Adaptive Card's <c>ActionSet</c>s in its body, then its <c>actions</c>.</summary>
    public static IEnumerable<JsonObject> CardButtons(JsonObject card)
    {
        if (card["buttons"] is JsonArray buttons)
            foreach (var b in buttons.OfType<JsonObject>()) yield return b;
        if (card["body"] is JsonArray body)
            foreach (var set in body.OfType<JsonObject>().Where(e => e["type"]?.GetValue<string>() == "ActionSet"))
                if (set["actions"] is JsonArray actions)
                    foreach (var b in actions.OfType<JsonObject>()) yield return b;
        if (card["actions"] is JsonArray topLevel)
            foreach (var b in topLevel.OfType<JsonObject>()) yield return b;
    }

    private static void AppendCardText(JsonNode node, StringBuilder text)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    // A button's submit data is what the channel sends back, not what the person reads.
                    if (key == "data") continue;
                    if (key is "text" or "title" or "subtitle" or "value" && value is JsonValue v && v.TryGetValue<string>(out var s)) text.Append(' ').Append(s);
                    else if (value is not null) AppendCardText(value, text);
                }
                break;
            case JsonArray arr:
                foreach (var item in arr) if (item is not null) AppendCardText(item, text);
                break;
        }
    }

    private TestFlow Then(Func<Transcript, Task> step) => new(_adapter, _callback, [.. _steps, step]);

    private async Task RunAsync(Transcript t, Activity activity, string description)
    {
        // Replies not yet asserted belong before this message in the transcript.
        t.Lines.Add(description);
        await _adapter.ProcessActivityAsync(activity, _callback, CancellationToken.None).ConfigureAwait(false);
    }

    private static void Fail(Transcript t, string message)
    {
        var sb = new StringBuilder(message).Append("\n\nTranscript so far:\n");
        foreach (var line in t.Lines) sb.Append("  ").Append(line).Append('\n');
        var rest = new List<string>();
        while (t.Adapter.NextReply() is { } unread) rest.Add("  (unread) bot: " + Describe(unread));
        sb.Append(string.Join('\n', rest));
        throw new TestFlowException(sb.ToString());
    }

    private static string Describe(Activity a)
    {
        var buttons = ButtonsOf(a);
        var text = TextOf(a).Replace("\n", " / ");
        return buttons.Count > 0 ? $"{text} [{string.Join(" | ", buttons)}]" : text;
    }

    private sealed class Transcript(TestAdapter adapter)
    {
        public TestAdapter Adapter { get; } = adapter;
        public List<string> Lines { get; } = [];

        public Activity? Next()
        {
            var reply = Adapter.NextReply();
            if (reply is not null) Lines.Add("bot: " + Describe(reply));
            return reply;
        }
    }
}
