using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>What step 5 collects.</summary>
public sealed class SpaceData
{
    /// <summary>"day", "few", "week" or "open".</summary>
    public string? Length { get; set; }
}

/// <summary>
/// Step 5, give each other space: the hurt partner says how much space they need; the repairing partner
/// learns to respect it, plans what to do instead of pushing and records how long was asked for. Either way a
/// space period is stored, during which nothing suggests talks. Opening the step again during a space
/// period offers to end it early.
/// </summary>
public sealed class SpaceDialog : JourneyStepDialog<SpaceData>
{
    private const string ChoicePromptId = "space.choice";
    private const string TextPromptId = "space.text";

    /// <summary>Creates step 5.</summary>
    public SpaceDialog() : base(5, PracticeFlowsJson.Default.SpaceData)
    {
        AddSteps(OfferToEndSpaceStepAsync, AskHowLongStepAsync, AskInsteadOfPushingStepAsync, CloseReflectionStepAsync);
        AddDialog(new ChoicePrompt(ChoicePromptId));
        AddDialog(new TextPrompt(TextPromptId));
    }

    /// <summary>The length choices, shared by both roles.</summary>
    public static List<Choice> LengthChoices() =>
    [
        new Choice { Value = "day", Title = "A day", Synonyms = ["day", "one day", "1 day", "a day or so"] },
        new Choice { Value = "few", Title = "A few days", Synonyms = ["few days", "a couple of days", "couple of days", "3 days", "three days"] },
        new Choice { Value = "week", Title = "A week", Synonyms = ["week", "one week", "1 week", "7 days"] },
        new Choice { Value = "open", Title = "I'll say when", Synonyms = ["say when", "not sure", "open", "open ended", "until i say", "they'll say when", "we'll say when"] },
    ];

    /// <summary>Starts a space period of the chosen length (or an open-ended one).</summary>
    public static void StartSpace(JourneyProfile profile, string length, DateTimeOffset now)
    {
        profile.SpaceOpenEnded = length == "open";
        profile.SpaceUntil = length switch
        {
            "day" => now.AddDays(1),
            "few" => now.AddDays(3),
            "week" => now.AddDays(7),
            _ => null,
        };
    }

    /// <summary>Ends the space period now.</summary>
    public static void EndSpace(JourneyProfile profile)
    {
        profile.SpaceOpenEnded = false;
        profile.SpaceUntil = null;
    }

    private static Task<DialogTurnResult> OfferToEndSpaceStepAsync(WaterfallStepContext<SpaceData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (!journey.Profile.IsSpaceActive(journey.Now)) return step.NextAsync(new FoundChoice("again", 1), ct);
        var period = Encouragement.DescribeSpace(journey.Profile, TimeZones.Find(journey.Profile.TimeZone));
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage($"You're in a space period right now, {period}. What would you like to do?"),
            RetryPrompt = Activity.CreateMessage("Choose \"End the space period\", \"Set it again\" or \"Leave it as it is\"."),
            Choices =
            [
                new Choice { Value = "end", Title = "End the space period", Synonyms = ["end", "end it", "stop", "over", "end space"] },
                new Choice { Value = "again", Title = "Set it again", Synonyms = ["again", "change", "change it", "reset"] },
                new Choice { Value = "keep", Title = "Leave it as it is", Synonyms = ["leave", "keep", "keep it", "leave it"] },
            ],
            MaxRetries = 2,
        }, ct);
    }

    private static async Task<DialogTurnResult> AskHowLongStepAsync(WaterfallStepContext<SpaceData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        switch ((step.Result as FoundChoice)?.Value)
        {
            case "end":
                EndSpace(profile);
                await step.SendAsync(RoleText.Pick(profile.Role,
                    hurt: "Your space period has ended. Welcome back; go gently, and take space again whenever you need it.",
                    repairing: "The space period has ended. Let your partner set the pace as you reconnect, and keep listening more than you speak.",
                    both: "Your space period has ended. Go gently with each other as you reconnect."), ct);
                return await step.EndDialogAsync(ct);
            case "again":
                break;
            default:
                await step.SendAsync("Alright, your space period stays as it is.", ct);
                return await step.EndDialogAsync(ct);
        }

        await step.SendAsync(RoleText.Pick(profile.Role,
            hurt: "Healing needs room. After a breach of trust it's natural to need time on your own to feel what you feel and sort through it, without being pressed for answers. Asking for that is healthy, not a punishment.",
            repairing: "Your partner may need time and distance to heal. Respecting that, while letting them know once, simply, that you want to rebuild, shows you take their pain seriously. Pushing for closeness too soon tends to breed resentment and slow the healing.\n\nSomething like: \"I want to rebuild us, and I'll give you the time you need. I'm here when you're ready.\"",
            both: "Healing needs room, for both of you. Time apart to process isn't a step backwards: it lets feelings settle so that later conversations can go better. The key is to agree on it, and not to push each other before you're ready."), ct);
        return await step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage(RoleText.Pick(profile.Role,
                hurt: "How much space do you need right now?",
                repairing: "How long did your partner ask for?",
                both: "How much space do you need right now?")),
            RetryPrompt = Activity.CreateMessage("Pick one of these: a day, a few days, a week, or \"I'll say when\"."),
            Choices = LengthChoices(),
            GiveUpMessage = "I'll leave it open for now. You can end it any time by opening step 5 again.",
            MaxRetries = 2,
        }, ct);
    }

    private static async Task<DialogTurnResult> AskInsteadOfPushingStepAsync(WaterfallStepContext<SpaceData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        step.Data.Length = (step.Result as FoundChoice)?.Value ?? "open";
        StartSpace(journey.Profile, step.Data.Length, journey.Now);
        var period = Encouragement.DescribeSpace(journey.Profile, TimeZones.Find(journey.Profile.TimeZone));
        await step.SendAsync($"Your space period is set, {period}. While it lasts I won't suggest talks with your partner; I'll lean toward looking after yourself instead.", ct);
        return await step.PromptAsync(TextPromptId, PromptOptions.Ask(
            RoleText.Pick(journey.Profile.Role,
                hurt: "What would help you look after yourself during this time? Write a few words just for you; it stays private.",
                repairing: "When you feel the urge to push (to ask again, to explain, to fix it right now), what will you do instead? Write it down for yourself; it stays private.",
                both: "When either of you feels the urge to push for a talk too soon, what will you do instead? Write it down for yourself; it stays private."),
            "Write a sentence or two (up to 2000 characters)."), ct);
    }

    private static async Task<DialogTurnResult> CloseReflectionStepAsync(WaterfallStepContext<SpaceData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Result is string plan)
        {
            var topic = journey.Profile.Role == PartnerRole.Hurt ? "space-self-care" : "space-instead-of-pushing";
            journey.Records.Add(RecordKinds.Journal, new JournalEntry { Step = 5, Topic = topic, Text = plan, At = journey.Now }, JourneyJson.Default.JournalEntry);
        }
        await step.SendAsync(RoleText.Pick(journey.Profile.Role,
            hurt: "Thank you. Taking space isn't giving up; it's giving yourself room to heal. You can end it early any time by opening step 5 again.",
            repairing: "Thank you. Holding back when you'd rather fix things is a form of respect, and your patience now is part of the repair. If your partner says they're ready sooner, open step 5 again to end the space period.",
            both: "Thank you. Giving each other room is part of the repair, not a pause from it. You can end the space period early any time by opening step 5 again."), ct);
        return await step.NextAsync(null, ct);
    }
}
