using System.Globalization;
using TrustBot.Dialogs;
using TrustBot.Journey.Steps;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>What a check-in collects before it is stored.</summary>
internal sealed class CheckInData
{
    /// <summary>Trust today, 1–10.</summary>
    public int Trust { get; set; }

    /// <summary>"better", "same" or "worse"; null when the person wasn't sure or gave no answer.</summary>
    public string? Communication { get; set; }

    /// <summary>"yes", "mostly" or "no"; null when no boundaries are set.</summary>
    public string? BoundariesRespected { get; set; }

    /// <summary>"yes", "partly" or "no"; null when no commitment was set.</summary>
    public string? CommitmentKept { get; set; }

    /// <summary>The win to celebrate, or null when skipped.</summary>
    public string? Win { get; set; }
}

/// <summary>
/// A check-in (the <c>check in</c> command, the menu, or a reminder): trust today 1–10, communication,
/// boundaries (when any are set), the step-6 commitment (when one is set), a small win and a setback, then
/// one reply comparing with last time, the streak, and an encouragement matched to the result. The prompts
/// read nothing from storage; the last turn only queues records and updates the profile, so the whole
/// check-in is saved with the turn's state in one write.
/// </summary>
internal sealed class CheckInDialog : ComponentDialog
{
    private const string TrustPromptId = "checkIn.trust";
    private const string ChoicePromptId = "checkIn.choice";
    private const string TextPromptId = "checkIn.text";

    /// <summary>The longest win or setback text.</summary>
    public const int MaxTextLength = 500;

    /// <summary>Creates the check-in flow.</summary>
    public CheckInDialog() : base(nameof(CheckInDialog))
    {
        AddDialog(new WaterfallDialog<CheckInData>("checkIn", JourneyJson.Default.CheckInData,
        [
            AskTrustStepAsync,
            AskCommunicationStepAsync,
            AskBoundariesStepAsync,
            AskCommitmentStepAsync,
            AskWinStepAsync,
            AskSetbackStepAsync,
            ReplyStepAsync,
        ]));
        AddDialog(new NumberPrompt<int>(TrustPromptId));
        AddDialog(new ChoicePrompt(ChoicePromptId, NonAnswers.ChoiceOrSkipAsync));
        AddDialog(new TextPrompt(TextPromptId, NonAnswers.KeepQuestionOpen(NonAnswers.WinsAsync)));
    }

    private static Task<DialogTurnResult> AskTrustStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct) =>
        step.PromptAsync(TrustPromptId, RoleText.Pick(step.Context.Journey().Profile.Role, TrustQuestionHurt, TrustQuestionRepairing, TrustQuestionBoth), ct);

    private static Task<DialogTurnResult> AskCommunicationStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        if (step.Result is not int trust) return step.EndDialogAsync(ct);
        step.Data.Trust = trust;
        return step.PromptAsync(ChoicePromptId, CommunicationQuestion, ct);
    }

    // The questions every check-in asks are the same for everyone (the trust question per role), so they are built once:
    // a prompt only reads its options (it sends a copy of the question), and a check-in is the turn people repeat most.
    private static readonly PromptOptions TrustQuestionHurt = TrustQuestion("On a scale of 1 to 10, how much do you trust your partner today?");
    private static readonly PromptOptions TrustQuestionRepairing = TrustQuestion("On a scale of 1 to 10, how much trust do you feel between you and your partner today?");
    private static readonly PromptOptions TrustQuestionBoth = TrustQuestion("On a scale of 1 to 10, how much trust do you feel between the two of you today?");

    private static PromptOptions TrustQuestion(string question) =>
        PromptOptions.Ask(
                "Time for a quick check-in. " + question,
                "Please answer with a number from 1 to 10 (1 = hardly any trust, 10 = complete trust).")
            .Between(1, 10)
            .GiveUpAfter(3, "Let's leave the check-in here for now. Type \"check in\" whenever you'd like to try again.");

    private static readonly PromptOptions CommunicationQuestion = new()
    {
        Prompt = Activity.CreateMessage("Thank you. How has communication between you been since last time?"),
        RetryPrompt = Activity.CreateMessage("\"Better\" if talking has felt easier, \"About the same\" if not much changed, \"Worse\" if it's been harder. If you can't say, choose \"Not sure\" or type skip."),
        Choices =
        [
            new Choice { Value = "better", Title = "Better", Synonyms = ["improved", "good", "better than before", "great", "much better"] },
            new Choice { Value = "same", Title = "About the same", Synonyms = ["same", "the same", "no change", "similar", "ok", "okay", "fine", "meh", "nothing changed", "alright"] },
            new Choice { Value = "worse", Title = "Worse", Synonyms = ["bad", "not good", "harder", "terrible", "awful", "rough", "tense"] },
            new Choice { Value = "unsure", Title = "Not sure", Synonyms = ["not sure", "unsure", "dont know", "don't know", "idk", "skip"] },
        ],
        MaxRetries = 2,
    };

    private static readonly PromptOptions WinQuestion = PromptOptions.Ask(
            "Is there a small win to celebrate, however small? Type it, or skip.",
            $"Type the win in a short sentence (up to {MaxTextLength} characters), or \"skip\".",
            ["Skip"])
        .Between(1, MaxTextLength)
        .GiveUpAfter(2);

    private static readonly PromptOptions SetbackQuestion = PromptOptions.Ask(
            "And was there anything that felt like a setback? Type it (it stays private), or skip.",
            $"Describe it in a short sentence (up to {MaxTextLength} characters), or \"skip\".",
            ["Skip"])
        .Between(1, MaxTextLength)
        .GiveUpAfter(2);

    private static Task<DialogTurnResult> AskBoundariesStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        // Not sure, or no answer, is recorded as no answer: never as "the same".
        step.Data.Communication = (step.Result as FoundChoice)?.Value is { } communication and not "unsure" ? communication : null;
        if (step.Context.Journey().Profile.BoundaryCount <= 0) return step.NextAsync(null, ct);
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Were the boundaries you've set respected since last time?"),
            RetryPrompt = Activity.CreateMessage("\"Yes\" if they were all respected, \"Mostly\" if one slipped a little, \"No\" if one was crossed. Or type skip."),
            Choices =
            [
                new Choice { Value = "yes", Title = "Yes", Synonyms = ["yes", "all of them", "completely"] },
                new Choice { Value = "mostly", Title = "Mostly", Synonyms = ["mostly", "partly", "most of them", "sort of"] },
                new Choice { Value = "no", Title = "No", Synonyms = ["no", "not really", "not at all"] },
            ],
            MaxRetries = 2,
        }, ct);
    }

    private static Task<DialogTurnResult> AskCommitmentStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        step.Data.BoundariesRespected = (step.Result as FoundChoice)?.Value;
        var commitment = step.Context.Journey().Profile.WeeklyCommitment;
        if (string.IsNullOrEmpty(commitment)) return step.NextAsync(null, ct);
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage($"In step 6 you chose one thing to do this week: \"{commitment}\". Did you do it?"),
            RetryPrompt = Activity.CreateMessage("\"Yes\" if you did it, \"Partly\" if you made a start, \"Not yet\" if it didn't happen. Or type skip."),
            Choices =
            [
                new Choice { Value = "yes", Title = "Yes", Synonyms = ["yes", "i did", "done"] },
                new Choice { Value = "partly", Title = "Partly", Synonyms = ["partly", "a bit", "somewhat", "sort of", "mostly"] },
                new Choice { Value = "no", Title = "Not yet", Synonyms = ["no", "not yet", "didn't", "i didn't"] },
            ],
            MaxRetries = 2,
        }, ct);
    }

    private static Task<DialogTurnResult> AskWinStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        step.Data.CommitmentKept = (step.Result as FoundChoice)?.Value;
        return step.PromptAsync(TextPromptId, WinQuestion, ct);
    }

    private static Task<DialogTurnResult> AskSetbackStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        step.Data.Win = step.Result is string win && NonAnswers.IsContent(win) ? win.Trim() : null;
        return step.PromptAsync(TextPromptId, SetbackQuestion, ct);
    }

    private static async Task<DialogTurnResult> ReplyStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        var profile = journey.Profile;
        var data = step.Data;
        var setback = step.Result is string text && NonAnswers.IsContent(text) ? text.Trim() : null;
        var previousTrust = profile.LastTrust;
        var firstCheckIn = profile.CheckInCount == 0 || profile.LastCheckInAt is null;
        var zone = TimeZones.Find(profile.TimeZone);
        var sameDay = profile.LastCheckInAt is { } last && Encouragement.SameLocalDay(last, journey.Now, zone);
        var spaceActive = profile.IsSpaceActive(journey.Now);
        var rememberedWin = profile.LastWin;

        journey.Records.Add(RecordKinds.CheckIn, new CheckInRecord
        {
            At = journey.Now,
            Trust = data.Trust,
            Communication = data.Communication,
            BoundariesRespected = data.BoundariesRespected,
            CommitmentKept = data.CommitmentKept,
            HadWin = data.Win is not null,
            HadSetback = setback is not null,
        }, JourneyJson.Default.CheckInRecord);
        if (setback is not null)
            PrivateJournal.Write(journey, 0, "check-in-setback", setback);
        // The summary says once that the win is saved; the win's own celebration is for the small wins flow.
        if (data.Win is not null) WinsDialog.LogWin(journey, data.Win);

        profile.Streak = Encouragement.NextStreak(profile.Streak, profile.LastCheckInAt, journey.Now, profile.Rhythm, zone);
        profile.CheckInCount++;
        profile.LastCheckInAt = journey.Now;
        profile.LastTrust = data.Trust;

        // At most three short sentences and one emoji: how trust compares, what was saved, and one encouragement.
        var parts = new List<string> { TrustSentence(data.Trust, previousTrust, firstCheckIn, sameDay, profile.Streak) };
        if (SavedSentence(data.Win is not null, CommitmentFeedback(data.CommitmentKept, profile)) is { } saved) parts.Add(saved);
        parts.Add(EncouragementFor(data, previousTrust, setback is not null, spaceActive, profile.Role, data.Win is null ? rememberedWin : null, journey.Steps.IsDone(profile, nameof(WorkOnYourselfDialog))));
        await step.SendAsync(string.Join(" ", parts), ct);
        return await step.EndDialogAsync(ct);
    }

    /// <summary>
    /// Trust compared with the previous check-in, with the streak where it means something: the first check-in,
    /// a second one the same day (which neither grows nor restarts the streak), a streak kept, or a fresh start.
    /// </summary>
    public static string TrustSentence(int trust, int? previous, bool firstCheckIn, bool sameDay, int streak)
    {
        if (firstCheckIn || previous is not { } p)
            return string.Create(CultureInfo.InvariantCulture, $"Trust today: {trust}/10 on your first check-in, your starting point for next time.");
        var change = trust > p ? $"up from {p}" : trust < p ? $"down from {p}" : $"the same as";
        if (sameDay)
            return string.Create(CultureInfo.InvariantCulture, $"Trust now: {trust}/10, {change} earlier today.");
        var since = $"{change} last time";
        return streak >= 2
            ? string.Create(CultureInfo.InvariantCulture, $"Trust today: {trust}/10, {since}, and that's {streak} check-ins in a row on schedule.")
            : string.Create(CultureInfo.InvariantCulture, $"Trust today: {trust}/10, {since}; welcome back, a fresh streak starts today.");
    }

    /// <summary>One sentence for what was saved: the win, and the step-6 commitment's answer.</summary>
    private static string? SavedSentence(bool win, string? commitment)
    {
        var fragments = new List<string>();
        if (win) fragments.Add("I've added your win to your small wins");
        if (commitment is not null) fragments.Add(commitment);
        if (fragments.Count == 0) return null;
        var sentence = string.Join(", and ", fragments);
        return char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".";
    }

    /// <summary>Answers the step-6 question (a clause, no full stop) and clears (kept) or renews (not kept) the commitment.</summary>
    private static string? CommitmentFeedback(string? kept, JourneyProfile profile)
    {
        switch (kept)
        {
            case "yes":
                profile.WeeklyCommitment = null;
                return "you kept this week's commitment, so choose a new one in step 6 whenever you're ready";
            case "partly":
                return "partly is still progress, so I'll keep the same commitment for another week";
            case "no":
                return "I'll keep your commitment for another week, or you can choose a different one in step 6";
            default:
                return null;
        }
    }

    /// <summary>
    /// One sentence: a dip gets the step-8 message on setbacks, a space period leans to self-care, an improvement is
    /// celebrated (the one emoji, and never right after "Not yet"), and steady is named as progress.
    /// </summary>
    private static string EncouragementFor(CheckInData data, int? previousTrust, bool hadSetback, bool spaceActive, PartnerRole role, string? rememberedWin, bool stepSixDone)
    {
        var dip = data.Trust < previousTrust || data.Communication == "worse" || data.BoundariesRespected == "no" || hadSetback;
        var improved = !dip && (data.Trust > previousTrust || data.Communication == "better");
        if (dip)
        {
            var setback = RoleText.Pick(role,
                hurt: "Setbacks are a normal part of rebuilding trust, and a hard day doesn't erase the ground you've gained",
                repairing: "Setbacks are a normal part of rebuilding trust; staying steady and owning your part is what counts now",
                both: "Setbacks are a normal part of rebuilding trust, and a hard day doesn't undo what you've both built");
            return rememberedWin is null ? setback + "." : $"{setback}, and your win \"{rememberedWin}\" still counts.";
        }
        if (spaceActive)
        {
            var care = RoleText.Pick(role,
                hurt: "While you take space, be gentle with yourself",
                repairing: "While your partner has space, keep your focus on your own growth rather than on them",
                both: "While you take space, let this be time for yourselves");
            return care + (stepSixDone ? "." : "; step 6 (Work on yourself) fits well right now.");
        }
        if (improved)
        {
            return data.CommitmentKept == "no"
                ? "Things are moving the right way, and this week is a fresh chance for your commitment."
                : "That's progress worth celebrating 🎉 and if it feels right, tell your partner one thing that helped.";
        }
        return "Steady is a kind of progress too: showing up like this is how trust is rebuilt.";
    }
}
