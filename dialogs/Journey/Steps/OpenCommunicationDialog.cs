using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey.Steps;

/// <summary>What step 2 collects.</summary>
internal sealed class OpenCommunicationData
{
    public bool StatementSaved { get; set; }
    public string? ListeningHabit { get; set; }

    /// <summary>What the person typed for the talk, kept until the time zone is known.</summary>
    public string? TalkText { get; set; }

    public DateTimeOffset? TalkAt { get; set; }
}

/// <summary>The "I feel … when … because …" exercise: the draft and how many rephrases were asked for.</summary>
internal sealed class StatementData
{
    public int Rephrases { get; set; }

    /// <summary>The blaming phrases found in the last draft (phrases only, never the statement).</summary>
    public List<string> Flagged { get; set; } = [];

    /// <summary>The accepted statement; handed to the step and then stored privately.</summary>
    public string? Statement { get; set; }
}

/// <summary>
/// Step 2, open communication: why it matters and four habits; an "I feel … when … because …"
/// statement checked for blame (a rephrase is asked for at most twice); one listening habit for the
/// week; and, unless the person is taking space, an optional planned talk that is reminded an hour before.
/// </summary>
internal sealed class OpenCommunicationDialog : JourneyStepDialog<OpenCommunicationData>
{
    // Wording written for one role only; the wording audit (RoleWordingTests) checks no other role is shown it.
    private const string HurtStatementExample = "\"I feel uneasy when plans change at the last minute because it brings back the not-knowing.\"";
    private const string RepairingStatementExample = "\"I feel ashamed when we avoid talking about it because I want to face it with you.\"";
    private const string BothStatementExample = "\"I feel hopeful when we talk calmly because it shows me we can find our way through this.\"";

    /// <inheritdoc />
    public override IReadOnlyList<(PartnerRole Role, string Text)> RoleSpecificTexts =>
    [
        (PartnerRole.Hurt, HurtStatementExample),
        (PartnerRole.Repairing, RepairingStatementExample),
        (PartnerRole.Both, BothStatementExample),
    ];

    /// <summary>The journal topic of the statement.</summary>
    public const string JournalTopic = "I feel … when … because …";

    /// <summary>How many times a blaming statement is sent back for a rephrase before it is accepted.</summary>
    public const int MaxRephrases = 2;

    private const string StatementLoop = "communication.statement";
    private const string StatementPrompt = "communication.statementText";
    private const string HabitPrompt = "communication.habit";
    private const string TalkPrompt = "communication.talk";
    private const string ZonePrompt = "communication.zone";

    /// <summary>The listening habits offered for the week.</summary>
    public static readonly IReadOnlyList<Choice> Habits =
    [
        new() { Value = "Let them finish before I answer", Synonyms = ["don't interrupt", "dont interrupt", "no interrupting", "finish"] },
        new() { Value = "Say back what I heard before replying", Synonyms = ["repeat back", "reflect", "say back", "active listening"] },
        new() { Value = "Ask a question instead of defending myself", Synonyms = ["ask", "not defensive", "don't get defensive", "question"] },
        new() { Value = "Put my phone away when we talk", Synonyms = ["phone", "phone away", "no phone"] },
    ];

    /// <summary>Creates step 2.</summary>
    public OpenCommunicationDialog() : base(nameof(OpenCommunicationDialog), 2, "Open communication", StepsJson.Default.OpenCommunicationData)
    {
        AddSteps(ExplainAndAskStatementStepAsync, AskListeningHabitStepAsync, AskTalkTimeStepAsync, AskTimeZoneStepAsync, SaveTalkAndCloseStepAsync);
        AddDialog(new WaterfallDialog<StatementData>(StatementLoop, StepsJson.Default.StatementData, [AskStatementStepAsync, CheckStatementStepAsync]));
        AddDialog(new TextPrompt(StatementPrompt, NonAnswers.KeepQuestionOpen(PrivateJournal.Earlier(2, JournalTopic))));
        AddDialog(new ChoicePrompt(HabitPrompt));
        AddDialog(new TextPrompt(TalkPrompt, ValidateTalkTimeAsync));
        AddDialog(new TimeZonePrompt(ZonePrompt));
    }

    private static async Task<DialogTurnResult> ExplainAndAskStatementStepAsync(WaterfallStepContext<OpenCommunicationData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        await step.SendAsync(RoleText.Pick(profile.Role,
            hurt: "Step 2 is about talking openly. Honest conversations let your partner understand what you're going through, and let you hear whether they truly get it.",
            repairing: "Step 2 is about talking openly. Your partner needs to hear the truth from you, and to feel heard when they share their pain.",
            both: "Step 2 is about talking openly. Honest conversations, where each of you feels heard, are how the two of you find your way back to each other."), ct);
        await step.SendAsync(
            "Four habits make these talks easier:\n\n" +
            "• Listen actively: try to understand before you answer.\n" +
            "• Share your feelings without blame.\n" +
            "• Be transparent about your own actions.\n" +
            "• Don't interrupt or get defensive, even when it stings.", ct);
        return await step.BeginDialogAsync(StatementLoop, new StatementData(), ct);
    }

    private static async Task<DialogTurnResult> AskStatementStepAsync(WaterfallStepContext<StatementData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        if (step.Data.Rephrases == 0)
        {
            var earlier = await PrivateJournal.Earlier(2, JournalTopic, 1)(step.Context.Journey(), ct);
            if (earlier.Count > 0) await step.SendAsync(NonAnswers.ShowEarlier(earlier, ""), ct);
            var example = RoleText.Pick(profile.Role, HurtStatementExample, RepairingStatementExample, BothStatementExample);
            return await step.PromptAsync(StatementPrompt, PromptOptions.Ask(
                $"Let's practise one. Write an \"I feel … when … because …\" statement about something on your mind, for example: {example} Only you will see it here.",
                "Write it as one or two sentences, starting with \"I feel\", or type skip.").Between(1, 1000), ct);
        }
        var phrases = string.Join(" and ", step.Data.Flagged.Select(p => $"\"{p}\""));
        return await step.PromptAsync(StatementPrompt, PromptOptions.Ask(
            $"I notice {phrases}. Words like that can leave your partner defending themselves instead of hearing you. Could you rephrase it around what you feel, starting with \"I feel\"?",
            "Write it as one or two sentences, starting with \"I feel\", or type skip.").Between(1, 1000), ct);
    }

    private static async Task<DialogTurnResult> CheckStatementStepAsync(WaterfallStepContext<StatementData> step, CancellationToken ct)
    {
        var statement = step.Result as string;
        if (statement is not null && NonAnswers.Classify(statement) is var kind and not NonAnswerKind.None)
        {
            // "i already did this" or "idk" is not a statement: nothing is saved.
            await step.SendAsync(NonAnswers.Reply(kind), ct);
            return await step.EndDialogAsync(ct);
        }
        var flagged = BlameCheck.Find(statement);
        if (statement is not null && flagged.Count > 0 && step.Data.Rephrases < MaxRephrases)
        {
            step.Data.Rephrases++;
            step.Data.Flagged = [.. flagged];
            return await step.ReplaceDialogAsync(StatementLoop, step.Data, ct);
        }
        if (flagged.Count > 0)
            await step.SendAsync("I'll keep it as you wrote it. When you say it out loud, try leading with your own feelings rather than what your partner always or never does; it makes it much easier for them to hear you.", ct);
        step.Data.Statement = statement;
        return await step.EndDialogAsync(ct);
    }

    private static async Task<DialogTurnResult> AskListeningHabitStepAsync(WaterfallStepContext<OpenCommunicationData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Result is StatementData { Statement: { } statement })
        {
            PrivateJournal.Write(journey, 2, JournalTopic, statement);
            step.Data.StatementSaved = true;
            await step.SendAsync("Thank you. I've saved it privately, so you can come back to it before you talk.", ct);
        }
        return await step.PromptAsync(HabitPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Which one listening habit would you like to practise this week?"),
            RetryPrompt = Activity.CreateMessage("Pick one of these habits; you can choose another next week."),
            Choices = [.. Habits],
        }, ct);
    }

    private static async Task<DialogTurnResult> AskTalkTimeStepAsync(WaterfallStepContext<OpenCommunicationData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Result is FoundChoice habit)
        {
            step.Data.ListeningHabit = habit.Value;
            journey.Profile.ListeningHabit = habit.Value;
        }
        if (journey.Profile.IsSpaceActive(journey.Now))
        {
            await step.SendAsync($"{Ack(step.Result)}Since you're taking some space right now, let's not plan a talk yet. This is a good moment for {journey.Steps.Label(journey.Steps.NumberOf(nameof(WorkOnYourselfDialog)))}, whenever you're ready.", ct);
            return await step.NextAsync(null, ct);
        }
        var planned = journey.Profile.PlannedTalkAt is { } at && at > journey.Now
            ? $"You already have a talk planned for {TalkTime.Describe(TimeZoneInfo.ConvertTime(at, ZoneOf(step.Context)).DateTime)}. Tell me a new day and time to move it, or type skip to keep it."
            : "Would you like to plan a time to talk with your partner? Tell me a day and time, like \"Saturday 7pm\", \"tomorrow at 18:00\" or \"in 2 days at 8pm\", and I'll remind you about an hour before. Or type skip.";
        return await step.PromptAsync(TalkPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage($"{Ack(step.Result)}{planned}"),
            RetryPrompt = Activity.CreateMessage("Please give me a day and time that's still ahead, like \"Saturday 7pm\", \"tomorrow at 18:00\" or \"in 2 days at 8pm\", or type skip."),
            Choices = [new Choice { Value = "skip", Title = "Skip", Synonyms = ["no", "not now", "no thanks", "later"] }],
            GiveUpMessage = "Let's leave the talk unplanned for now. You can plan one whenever you come back to this step.",
            MaxRetries = 2,
        }, ct);
    }

    private static Task<DialogTurnResult> AskTimeZoneStepAsync(WaterfallStepContext<OpenCommunicationData> step, CancellationToken ct)
    {
        step.Data.TalkText = step.Result is string text && !NonAnswers.IsSkip(text) ? text : null;
        if (step.Data.TalkText is null || KnownZone(step.Context) is not null) return step.NextAsync(null, ct);
        return step.PromptAsync(ZonePrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage("So I remind you at the right moment: which time zone are you in? A city (Berlin), a zone name (Europe/Berlin) or an offset (UTC+2) all work."),
            RetryPrompt = Activity.CreateMessage("I couldn't find that time zone. Try a big city near you, a name like America/New_York, or an offset like UTC-5."),
        }, ct);
    }

    private static async Task<DialogTurnResult> SaveTalkAndCloseStepAsync(WaterfallStepContext<OpenCommunicationData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Result is string zoneId) journey.Profile.TimeZone = zoneId;
        if (step.Data.TalkText is { } text)
        {
            var zone = ZoneOf(step.Context);
            var localNow = TimeZoneInfo.ConvertTime(journey.Now, zone).DateTime;
            if (TalkTime.TryParse(text, localNow, out var local) && TalkTime.ToUtc(local, zone) is var at && at > journey.Now)
            {
                step.Data.TalkAt = at;
                journey.Profile.PlannedTalkAt = at;
                journey.Records.Add(RecordKinds.Talk, new PlannedTalk { At = at, CreatedAt = journey.Now }, JourneyJson.Default.PlannedTalk);
                await step.SendAsync($"Planned: {TalkTime.Describe(local)}. I'll remind you about an hour before.", ct);
            }
            else
            {
                await step.SendAsync("Where you are, that time has already passed, so I haven't planned it. You can plan a talk whenever you come back to this step.", ct);
            }
        }
        await step.SendAsync(RoleText.Pick(journey.Profile.Role,
            hurt: "To close this step: being heard takes practice on both sides. Each honest, calm conversation is a small deposit back into trust.",
            repairing: "To close this step: listening without defending yourself is one of the strongest signals you can give. Each honest, calm conversation is a small deposit back into trust.",
            both: "To close this step: being heard takes practice on both sides. Each honest, calm conversation is a small deposit back into trust."), ct);
        return await step.NextAsync(null, ct);
    }

    /// <summary>Accepts "skip", or a day and time still ahead in the person's time zone.</summary>
    private static Task<bool> ValidateTalkTimeAsync(PromptValidatorContext<string> prompt, CancellationToken ct)
    {
        if (!prompt.Recognized.Succeeded || prompt.Recognized.Value is not { } text) return Task.FromResult(false);
        if (NonAnswers.IsSkip(text)) return Task.FromResult(true);
        var journey = prompt.Context.Journey();
        var zone = ZoneOf(prompt.Context);
        var localNow = TimeZoneInfo.ConvertTime(journey.Now, zone).DateTime;
        return Task.FromResult(TalkTime.TryParse(text, localNow, out var local) && TalkTime.ToUtc(local, zone) > journey.Now);
    }

    private static string Ack(object? habit) => habit is FoundChoice ? "Good choice. " : "";

    private static string? KnownZone(Turns.ITurnContext context) =>
        context.Journey().Profile.TimeZone ?? RemindersDialog.DetectTimeZone(context.Activity);

    private static TimeZoneInfo ZoneOf(Turns.ITurnContext context) => TimeZones.Find(KnownZone(context));
}
