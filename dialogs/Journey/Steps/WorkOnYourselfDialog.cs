using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey.Steps;

/// <summary>What step 6 collects (the reflection itself goes to the private journal).</summary>
internal sealed class WorkOnYourselfData
{
    /// <summary>The one concrete thing for this week, or null when none was given.</summary>
    public string? Commitment { get; set; }
}

/// <summary>
/// Step 6, work on yourself: a private reflection on a pattern in one's own behaviour, one concrete thing to do
/// this week (asked about at the next check-in), and a pointer to a licensed couples therapist and to reading.
/// </summary>
internal sealed class WorkOnYourselfDialog : JourneyStepDialog<WorkOnYourselfData>
{
    // Wording written for one role only; the wording audit (RoleWordingTests) checks no other role is shown it.
    private const string HurtPatternExample = "going quiet instead of saying what hurts, or checking up on your partner";
    private const string RepairingPatternExample = "hiding things when you feel ashamed, or getting defensive when asked questions";
    private const string HurtCommitmentExample = "\"tell my partner one thing I need instead of going quiet\"";
    private const string RepairingCommitmentExample = "\"pause and breathe before I answer when I feel defensive\"";
    private const string BothCommitmentExample = "\"take a short walk together before we talk about something hard\"";

    /// <inheritdoc />
    public override IReadOnlyList<(PartnerRole Role, string Text)> RoleSpecificTexts =>
    [
        (PartnerRole.Hurt, HurtPatternExample),
        (PartnerRole.Repairing, RepairingPatternExample),
        (PartnerRole.Hurt, HurtCommitmentExample),
        (PartnerRole.Repairing, RepairingCommitmentExample),
        (PartnerRole.Both, BothCommitmentExample),
    ];

    private const string TextPromptId = "self.text";
    private const string CommitmentPromptId = "self.commitment";
    private const string SupportPromptId = "self.support";

    /// <summary>The longest weekly commitment, so it reads as one concrete thing.</summary>
    public const int MaxCommitmentLength = 200;

    /// <summary>Creates step 6.</summary>
    public WorkOnYourselfDialog() : base(nameof(WorkOnYourselfDialog), 6, "Work on yourself", StepsJson.Default.WorkOnYourselfData)
    {
        AddSteps(AskPatternStepAsync, AskCommitmentStepAsync, AskAboutSupportStepAsync, CloseReflectionStepAsync);
        AddDialog(new TextPrompt(TextPromptId, NonAnswers.KeepQuestionOpen(PrivateJournal.Earlier(6, "pattern"))));
        AddDialog(new TextPrompt(CommitmentPromptId, IsConcreteCommitmentAsync));
        AddDialog(new ChoicePrompt(SupportPromptId));
    }

    /// <summary>A commitment is a few words at least, and short enough to be one thing.</summary>
    private static Task<bool> IsConcreteCommitmentAsync(PromptValidatorContext<string> prompt, CancellationToken ct) =>
        Task.FromResult(prompt.Recognized.Succeeded
            && (prompt.Recognized.Value!.Trim().Length is >= 3 and <= MaxCommitmentLength || !NonAnswers.IsContent(prompt.Recognized.Value)));

    private static async Task<DialogTurnResult> AskPatternStepAsync(WaterfallStepContext<WorkOnYourselfData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        var role = journey.Profile.Role;
        await step.SendAsync(RoleText.Pick(role,
            hurt: "While you rebuild trust together, your own wellbeing and growth matter too. This step is about you: understanding your reactions and what you need, without taking on blame for what happened.",
            repairing: "Rebuilding trust also means looking honestly at yourself: what led to your choices, and how you can become a more trustworthy partner. Real change shows over time, in small consistent actions.",
            both: "While you rebuild trust together, each of you can grow on your own as well. Looking at your own patterns, rather than your partner's, is where change is most in your hands."), ct);
        return await step.PromptAsync(TextPromptId, PromptOptions.Ask(
            RoleText.Pick(role,
                hurt: $"Think of a pattern in your own behaviour you'd like to change, for example {HurtPatternExample}. What is it, and when does it show up? This stays private.",
                repairing: $"Think of a pattern in your own behaviour you'd like to change, for example {RepairingPatternExample}. What is it, and when does it show up? This stays private.",
                both: "Think of a pattern in your own behaviour (not your partner's) you'd like to change. What is it, and when does it show up? This stays private."),
            "Write a sentence or two about the pattern (up to 2000 characters)."), ct);
    }

    private static Task<DialogTurnResult> AskCommitmentStepAsync(WaterfallStepContext<WorkOnYourselfData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Result is string pattern && NonAnswers.IsContent(pattern))
            PrivateJournal.Write(journey, 6, "pattern", pattern);
        var example = RoleText.Pick(journey.Profile.Role, HurtCommitmentExample, RepairingCommitmentExample, BothCommitmentExample);
        return step.PromptAsync(CommitmentPromptId, PromptOptions.Ask(
            $"Thank you for looking at that honestly. What's one concrete thing you'll do this week to work on it? Something small and doable, like {example}.",
            $"Write one small, concrete action in a short sentence (3 to {MaxCommitmentLength} characters)."), ct);
    }

    private static Task<DialogTurnResult> AskAboutSupportStepAsync(WaterfallStepContext<WorkOnYourselfData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Result is string commitment && NonAnswers.IsContent(commitment))
        {
            step.Data.Commitment = commitment.Trim();
            journey.Profile.WeeklyCommitment = step.Data.Commitment;
        }
        var followUp = step.Data.Commitment is null
            ? "That's okay; you can come back to choose one any time."
            : "That's a good one. I'll ask you how it went at your next check-in.";
        return step.PromptAsync(SupportPromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage(followUp + " Would you like a couple of ideas for support beyond our chats?"),
            RetryPrompt = Activity.CreateMessage("Choose \"Yes, please\" or \"Not now\"."),
            Choices =
            [
                new Choice { Value = "yes", Title = "Yes, please", Synonyms = ["yes", "sure", "ok", "please"] },
                new Choice { Value = "no", Title = "Not now", Synonyms = ["no", "no thanks", "later"] },
            ],
            MaxRetries = 1,
        }, ct);
    }

    private static async Task<DialogTurnResult> CloseReflectionStepAsync(WaterfallStepContext<WorkOnYourselfData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        if (step.Result is FoundChoice { Value: "yes" })
            await step.SendAsync(SupportIdeas(profile.Breach), ct);
        await step.SendAsync(RoleText.Pick(profile.Role,
            hurt: "Working on yourself isn't about fixing what someone else broke. It's about coming out of this stronger, whatever happens next.",
            repairing: "Change you make for its own sake, not just to win trust back, is the kind that lasts. Your partner will notice it in what you do.",
            both: "Each of you growing a little is how the two of you grow together."), ct);
        return await step.NextAsync(null, ct);
    }

    /// <summary>Pointers to a licensed couples therapist and to reading matched to what broke the trust.</summary>
    public static string SupportIdeas(BreachKind breach) =>
        "Two ideas:\n\n" +
        "- **A licensed couples therapist** (or an individual counsellor) can help you untangle patterns that are hard to see alone. Many offer online sessions, and professional associations in most countries list accredited therapists.\n" +
        "- **Reading**: " + RoleText.ReadingTip(breach) + " A library or a therapist can point you to well-regarded ones.";
}
