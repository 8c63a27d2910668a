using System.Text.Json.Nodes;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Testing;
using TrustBot.Tests.Journey;
using Xunit.Abstractions;

namespace TrustBot.Tests.Understanding;

/// <summary>
/// Real-world phrasings typed at the question they answer, each with the outcome a person would expect, through
/// the whole bot. Written after the recogniser's rules were frozen and not tuned to afterwards: phrasings it still
/// gets wrong are listed in <see cref="KnownMisses"/> (and must stay wrong to stay listed), never deleted.
/// </summary>
public sealed class PhrasingCorpusTests(ITestOutputHelper output)
{
    /// <summary>"asked": nothing recorded, the question (or a reply and the question) comes again.</summary>
    private const string Asked = "asked";

    private static readonly (string Prompt, string Typed, string Expected)[] Corpus =
    [
        // Consent: "Would you like to begin?"
        ("consent", "ok fine", "yes"), ("consent", "ok", "yes"), ("consent", "Yes please!", "yes"), ("consent", "sure", "yes"),
        ("consent", "yeah let's do it", "yes"), ("consent", "yep", "yes"), ("consent", "I'm ready", "yes"), ("consent", "alright", "yes"),
        ("consent", "go ahead", "yes"), ("consent", "Yes, I think so?", "yes"), ("consent", "absolutely", "yes"), ("consent", "lets begin", "yes"),
        ("consent", "not now", "no"), ("consent", "nah", "no"), ("consent", "no thanks", "no"), ("consent", "maybe later", "no"),
        ("consent", "not today", "no"), ("consent", "Not really", "no"), ("consent", "nope", "no"),
        ("consent", "is this confidential? does my partner see this?", Asked), ("consent", "who sees this?", Asked), ("consent", "what is this?", Asked),

        // Role
        ("role", "I was hurt", "Hurt"), ("role", "i was the one cheated on", "Hurt"), ("role", "he cheated on me", "Hurt"),
        ("role", "My partner lied to me for years", "Hurt"), ("role", "I'm the one who got hurt", "Hurt"), ("role", "she betrayed me", "Hurt"),
        ("role", "hurt", "Hurt"), ("role", "i got hurt", "Hurt"), ("role", "I was betrayed", "Hurt"),
        ("role", "I broke the trust", "Repairing"), ("role", "i cheated", "Repairing"), ("role", "I'm the one who messed up", "Repairing"),
        ("role", "it was me, I lied", "Repairing"), ("role", "I had an affair", "Repairing"), ("role", "my fault honestly", "Repairing"),
        ("role", "i hurt her", "Repairing"), ("role", "I screwed up", "Repairing"),
        ("role", "both", "Both"), ("role", "we both hurt each other", "Both"), ("role", "a bit of both", "Both"),
        ("role", "we're both working on it", "Both"), ("role", "together", "Both"), ("role", "3", "Both"),

        // What broke the trust
        ("breach", "I lied about money. Hid debt.", "Dishonesty"), ("breach", "cheating", "Infidelity"), ("breach", "he had an affair", "Infidelity"),
        ("breach", "she slept with someone else", "Infidelity"), ("breach", "infedelity", "Infidelity"), ("breach", "lies", "Dishonesty"),
        ("breach", "he kept secrets", "Dishonesty"), ("breach", "gambling debts he hid", "Dishonesty"), ("breach", "dishonesty", "Dishonesty"),
        ("breach", "lots of misunderstandings", "Misunderstandings"), ("breach", "we just kept misunderstanding each other", "Misunderstandings"),
        ("breach", "miscommunication", "Misunderstandings"), ("breach", "something else", "Other"), ("breach", "I'd rather not say", "Other"),
        ("breach", "other", "Other"), ("breach", "it's complicated", "Other"), ("breach", "2", "Dishonesty"), ("breach", "the first one", "Infidelity"),

        // Is the partner working on it too?
        ("partner", "yes", "Yes"), ("partner", "yes they are", "Yes"), ("partner", "she is", "Yes"), ("partner", "yeah we both are", "Yes"),
        ("partner", "not yet", "Not yet"), ("partner", "no", "Not yet"), ("partner", "not really", "Not yet"), ("partner", "nope", "Not yet"),
        ("partner", "he isn't", "Not yet"), ("partner", "I don't know", "I don't know"), ("partner", "idk", "I don't know"),
        ("partner", "not sure", "I don't know"), ("partner", "maybe", "I don't know"), ("partner", "no idea honestly", "I don't know"),

        // Check-in rhythm
        ("rhythm", "Every day please, I want to stay accountable", "Daily"), ("rhythm", "daily", "Daily"), ("rhythm", "everyday", "Daily"),
        ("rhythm", "every evening", "Daily"), ("rhythm", "once a day", "Daily"), ("rhythm", "every few days", "EveryFewDays"),
        ("rhythm", "every other day", "EveryFewDays"), ("rhythm", "a couple times a week", "EveryFewDays"), ("rhythm", "twice a week", "EveryFewDays"),
        ("rhythm", "weekly", "Weekly"), ("rhythm", "once a week is enough", "Weekly"), ("rhythm", "every week", "Weekly"),
        ("rhythm", "no reminders", "None"), ("rhythm", "none thanks", "None"), ("rhythm", "please don't remind me", "None"), ("rhythm", "never", "None"),

        // Check-in time
        ("time", "7pm", "19:00"), ("time", "7 pm", "19:00"), ("time", "19:00", "19:00"), ("time", "evening", "19:00"),
        ("time", "in the morning", "09:00"), ("time", "8am", "08:00"), ("time", "seven pm", "19:00"), ("time", "around 8 in the evening", "20:00"),
        ("time", "9.30pm", "21:30"), ("time", "at noon", "12:00"), ("time", "after work", "19:00"), ("time", "6:45 am", "06:45"),
        ("time", "21h", "21:00"), ("time", "tonight", "21:00"), ("time", "lunchtime", "12:00"),

        // Check-in: trust today 1-10
        ("trust", "7", "7"), ("trust", "seven", "7"), ("trust", "about a 6", "6"), ("trust", "8/10", "8"), ("trust", "maybe 4", "4"),
        ("trust", "like a three", "3"), ("trust", "10!", "10"), ("trust", "5 out of 10", "5"), ("trust", "2, honestly", "2"), ("trust", "٣", "3"),

        // Check-in: communication
        ("communication", "Better, she actually talked to me at breakfast", "better"), ("communication", "a bit better", "better"),
        ("communication", "better", "better"), ("communication", "much better actually", "better"), ("communication", "it's improved", "better"),
        ("communication", "about the same", "same"), ("communication", "same as before", "same"), ("communication", "no change really", "same"),
        ("communication", "meh, same", "same"), ("communication", "worse", "worse"), ("communication", "worse, we argued again", "worse"),
        ("communication", "pretty bad", "worse"), ("communication", "harder this week", "worse"), ("communication", "1", "better"),

        // Mark as done or stay?
        ("doneOrStay", "yes mark it done", "done"), ("doneOrStay", "done", "done"), ("doneOrStay", "continue", "done"), ("doneOrStay", "mark as done", "done"),
        ("doneOrStay", "I'm finished with this one", "done"), ("doneOrStay", "next step please", "done"), ("doneOrStay", "yes", "done"),
        ("doneOrStay", "stay", "stay"), ("doneOrStay", "not yet", "stay"), ("doneOrStay", "I'd like to stay on this step", "stay"),
        ("doneOrStay", "no, I need more time", "stay"), ("doneOrStay", "later", "stay"),

        // Step 5: how much space
        ("space", "a day", "day"), ("space", "just a day or so", "day"), ("space", "a few days", "few"), ("space", "a couple of days", "few"),
        ("space", "a week", "week"), ("space", "one week please", "week"), ("space", "I'll say when", "open"), ("space", "until I say so", "open"),
        ("space", "not sure yet", "open"), ("space", "3 days", "few"),

        // The menu
        ("menu", "continue", "continue"), ("menu", "Continue my journey: Step 1: Acknowledge the damage", "continue"), ("menu", "next step", "continue"),
        ("menu", "check in", "check in"), ("menu", "I want to check in", "check in"), ("menu", "check-in please", "check in"),
        ("menu", "my progress", "progress"), ("menu", "show me my progress", "progress"), ("menu", "wins", "wins"), ("menu", "small wins", "wins"),
        ("menu", "boundaries", "boundaries"), ("menu", "reminders", "reminders"), ("menu", "help", "help"), ("menu", "?", "help"),
        ("menu", "step three", "step 3"), ("menu", "the fourth step", "step 4"), ("menu", "menu please", "menu"),
        ("menu", "I think Jen wants to try talking tonight, what should I say?", "acknowledged"), ("menu", "thank you so much, this actually helped a lot", "thanks"),
        ("menu", "hi", "greeting"), ("menu", "what can you do", "help"),

        // Non-answers: nothing may be recorded; the question comes back (with a reply where one fits). "idk" and
        // "I'm not sure" where the question offers to leave it open (role, breach, rhythm, communication) are that
        // choice: the item is left open (Unknown, no rhythm, no answer), never set to a guessed option.
        ("consent", "none", Asked), ("consent", "idk", Asked), ("consent", "n/a", Asked), ("consent", "what do you mean?", Asked), ("consent", "hmm", Asked),
        ("role", "none", Asked), ("role", "nothing", Asked), ("role", "idk", "Unknown"), ("role", "n/a", Asked), ("role", "why do you ask?", Asked),
        ("role", "I'm not sure", "Unknown"),
        ("breach", "idk", "Unknown"), ("breach", "n/a", Asked), ("breach", "why does that matter?", Asked), ("breach", "I'm not sure", "Unknown"),
        ("rhythm", "none of your business", Asked), ("rhythm", "idk", "None"), ("rhythm", "I'm not sure", "None"), ("rhythm", "what's the difference?", Asked),
        ("rhythm", "n/a", Asked),
        ("time", "whenever", Asked), ("time", "idk", Asked), ("time", "7", Asked), ("time", "not sure", Asked), ("time", "does it matter?", Asked),
        ("trust", "none", Asked), ("trust", "nothing", Asked), ("trust", "idk", Asked), ("trust", "not really", Asked), ("trust", "why?", Asked),
        ("trust", "n/a", Asked),
        ("communication", "idk", "(none)"), ("communication", "nothing", Asked), ("communication", "n/a", Asked), ("communication", "what do you mean?", Asked),
        ("communication", "not sure", "(none)"),
        ("doneOrStay", "idk", Asked), ("doneOrStay", "what does that mean?", Asked), ("doneOrStay", "n/a", Asked),
        ("space", "none", Asked), ("space", "idk", Asked), ("space", "n/a", Asked), ("space", "what is this for?", Asked),
        ("menu", "none", "acknowledged"), ("menu", "nothing", "acknowledged"), ("menu", "idk", "acknowledged"),
    ];

    /// <summary>Phrasings the recogniser gets wrong today, with what it does instead. Fixing one makes its test fail until it is removed from here.</summary>
    /// <remarks>Measured when the corpus was first run: 213 of 221 as expected (96.4%).</remarks>
    private static readonly Dictionary<(string Prompt, string Typed), string> KnownMisses = new()
    {
        // Two options named ("hurt" and "each other"; "misunderstanding" and "other"): asked about rather than guessed.
        [("role", "we both hurt each other")] = Asked,
        [("breach", "we just kept misunderstanding each other")] = Asked,
        // "nope" is a no, but both "Not yet" and "I don't know" ("no idea") look like no-options, so it is asked again.
        [("partner", "nope")] = Asked,
        // "helped" is read as the menu's Help button before the thanks is noticed: help is shown instead of "you're welcome".
        [("menu", "thank you so much, this actually helped a lot")] = "help",
        // "n/a" splits into "n" (a no) and "a"; "none of your business" names the "none" synonym.
        [("consent", "n/a")] = "no",
        [("rhythm", "none of your business")] = "None",
        [("rhythm", "n/a")] = "None",
        [("doneOrStay", "n/a")] = "stay",
        // "not sure" at step 5 leaves the space period open, but "not sure yet" is not read as that and is asked again.
        [("space", "not sure yet")] = Asked,
    };

    [Fact]
    public void The_corpus_is_large_enough()
    {
        Assert.True(Corpus.Count(c => c.Expected != Asked && c.Typed is not ("none" or "nothing" or "idk")) >= 150, "at least 150 phrasings with an answer");
        Assert.True(Corpus.Count(c => c.Expected == Asked || c.Typed is "none" or "nothing" or "idk") >= 40, "at least 40 non-answers");
    }

    [Fact]
    public async Task Real_world_phrasings_are_understood_at_their_question()
    {
        var snapshots = await Snapshots.Value;
        var wrong = new List<string>();
        var stillMissed = new List<string>();
        var passed = 0;
        foreach (var (prompt, typed, expected) in Corpus)
        {
            var outcome = await OutcomeAsync(snapshots[prompt], prompt, typed);
            if (KnownMisses.TryGetValue((prompt, typed), out var known))
            {
                if (outcome != known) wrong.Add($"known miss changed: [{prompt}] \"{typed}\" now gives {outcome} (listed as {known}, expected {expected})");
                stillMissed.Add($"[{prompt}] \"{typed}\" → {outcome}, expected {expected}");
                continue;
            }
            if (outcome == expected) passed++;
            else wrong.Add($"[{prompt}] \"{typed}\" → {outcome}, expected {expected}");
        }
        output.WriteLine($"Corpus: {passed} of {Corpus.Length} understood as expected ({100.0 * passed / Corpus.Length:0.0}%); {stillMissed.Count} known misses:\n{string.Join("\n", stillMissed)}");
        Assert.True(wrong.Count == 0, $"{wrong.Count} phrasings not understood as expected:\n{string.Join("\n", wrong)}");
    }

    /// <summary>One conversation per question, stopped at that question; each phrasing is tried on a copy.</summary>
    private static readonly Lazy<Task<Dictionary<string, MemoryStorage>>> Snapshots = new(BuildSnapshotsAsync);

    private static async Task<Dictionary<string, MemoryStorage>> BuildSnapshotsAsync()
    {
        var at = new Dictionary<string, MemoryStorage>(StringComparer.Ordinal);
        var h = new JourneyHarness();
        async Task Say(params string[] lines)
        {
            foreach (var line in lines) await h.Flow().Send(line).SkipReplies().StartTestAsync();
        }
        void Keep(string prompt) => at[prompt] = ((MemoryStorage)h.Storage).Clone();

        await Say("hi"); Keep("consent");
        await Say("yes", "Sam"); Keep("role");
        await Say("I was hurt"); Keep("breach");
        await Say("Dishonesty"); Keep("partner");
        await Say("Yes"); Keep("rhythm");
        await Say("Every day"); Keep("time");
        await Say("7pm", "London", "Show me the menu"); Keep("menu");
        await Say("check in"); Keep("trust");
        await Say("6"); Keep("communication");
        await Say("menu", "step 1", "It broke something between us.", "7", "Yes"); Keep("doneOrStay");
        await Say("menu", "step 5"); Keep("space");
        return at;
    }

    private static async Task<string> OutcomeAsync(MemoryStorage snapshot, string prompt, string typed)
    {
        var storage = snapshot.Clone();
        var h = new JourneyHarness(storage);
        await h.Adapter.ProcessActivityAsync(Activity.CreateMessage(typed), h.Bot.OnTurnAsync, CancellationToken.None);
        var replies = new List<string>();
        while (h.Adapter.NextReply() is { } r) replies.Add(TestFlow.TextOf(r));
        var all = string.Join("\n", replies);
        bool Says(string fragment) => all.Contains(fragment, StringComparison.OrdinalIgnoreCase);
        var data = await FlowDataAsync(storage, h);

        // A question that did not move on recorded nothing: it was asked again (by a retry, or a reply and the question).
        switch (prompt)
        {
            case "consent":
                return Says("What should I call you") ? "yes" : Says("whenever you're ready") ? "no" : Asked;
            case "role":
                return Says("What broke the trust") ? Field(data, "role") : Asked;
            case "breach":
                return Says("Is your partner working") ? Field(data, "breach") : Asked;
            case "partner":
                return Says("How often") ? Field(data, "partnerInvolved") : Asked;
            case "rhythm":
                return Says("What time of day") || Says("Here's what I have") ? Field(data, "rhythm") is "(none)" && Says("No reminders;") ? "None" : Field(data, "rhythm") : Asked;
            case "time":
                return Says("time zone") ? Field(data, "reminderTime")[..5] : Asked;
            case "trust":
                return Says("How has communication") ? Field(data, "trust") : Asked;
            case "communication":
                return Says("small win") ? Field(data, "communication") : Asked;
            case "doneOrStay":
                return Says("marked as done") ? "done" : Says("no rush") ? "stay" : Asked;
            case "space":
                var profile = await h.ProfileAsync();
                if (profile?.SpaceOpenEnded == true) return "open";
                if (profile?.SpaceUntil is { } until) return (until - h.Clock.GetUtcNow()).TotalDays switch { 1 => "day", 3 => "few", 7 => "week", var d => $"{d} days" };
                return Asked;
            case "menu":
                if (Says("Here's what you can type")) return "help";
                if (Says("Step 1 is about")) return "continue";
                for (var step = 2; step <= 8; step++) if (Says($"Step {step} is") || Says($"Step {step}:") && !Says("Open Step")) return $"step {step}";
                if (Says("how much do you trust")) return "check in";
                if (Says("Your progress")) return "progress";
                if (Says("Here's what you can type")) return "help";
                if (Says("How often")) return "reminders";
                if (Says("boundaries yet") || Says("Your boundaries")) return "boundaries";
                if (Says("win")) return "wins";
                if (Says("You're welcome") || Says("glad it helped")) return "thanks";
                if (Says("Good to hear from you")) return "greeting";
                if (Says("Pick one")) return "pick one";
                if (replies.Count == 1 && Says("What would you like to do")) return "menu";
                return replies.Count >= 2 ? "acknowledged" : "other: " + all;
            default:
                throw new ArgumentOutOfRangeException(nameof(prompt), prompt, "unknown question");
        }
    }

    /// <summary>The data of the open flows (onboarding answers, check-in answers) as stored between turns.</summary>
    private static async Task<JsonNode?> FlowDataAsync(MemoryStorage storage, JourneyHarness h)
    {
        var rows = await storage.QueryAsync(h.Partition, "conversations/", 10, CancellationToken.None);
        return rows.Count == 0 ? null : JsonNode.Parse(rows[0].Value.Json);
    }

    private static string Field(JsonNode? node, string name)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == name && value is JsonValue v) return v.TryGetValue<string>(out var text) ? text : v.ToJsonString();
                    if (Field(value, name) is { Length: > 0 } found && found != "(none)") return found;
                }
                break;
            case JsonArray a:
                foreach (var item in a) if (Field(item, name) is { Length: > 0 } found && found != "(none)") return found;
                break;
        }
        return "(none)";
    }
}
