using System.Globalization;
using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>What a check-in collects before it is stored.</summary>
public sealed class CheckInData
{
    /// <summary>Trust today, 1–10.</summary>
    public int Trust { get; set; }

    /// <summary>"better", "same" or "worse".</summary>
    public string Communication { get; set; } = "same";

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
public sealed class CheckInDialog : ComponentDialog
{
    private const string TrustPromptId = "checkIn.trust";
    private const string ChoicePromptId = "checkIn.choice";
    private const string TextPromptId = "checkIn.text";

    /// <summary>The longest win or setback text.</summary>
    public const int MaxTextLength = 500;

    private static readonly HashSet<string> SkipWords = new(StringComparer.Ordinal)
    {
        "skip", "no", "nope", "nah", "none", "nothing", "not really", "not today", "no thanks", "n/a", "na", "-", "pass",
    };

    /// <summary>Creates the check-in flow.</summary>
    public CheckInDialog() : base(nameof(CheckInDialog))
    {
        AddDialog(new WaterfallDialog<CheckInData>("checkIn", PracticeFlowsJson.Default.CheckInData,
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
        AddDialog(new ChoicePrompt(ChoicePromptId));
        AddDialog(new TextPrompt(TextPromptId));
    }

    /// <summary>True when the answer means "nothing to add" ("skip", "no", "nothing", ...).</summary>
    public static bool IsSkip(string? answer) => SkipWords.Contains(Recognizers.Normalize(answer));

    private static Task<DialogTurnResult> AskTrustStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        var role = step.Context.Journey().Profile.Role;
        return step.PromptAsync(TrustPromptId, PromptOptions.Ask(
                "Time for a quick check-in. " + RoleText.Pick(role,
                    hurt: "On a scale of 1 to 10, how much do you trust your partner today?",
                    repairing: "On a scale of 1 to 10, how much trust do you feel between you and your partner today?",
                    both: "On a scale of 1 to 10, how much trust do you feel between the two of you today?"),
                "Please answer with a number from 1 to 10 (1 = hardly any trust, 10 = complete trust).")
            .Between(1, 10)
            .GiveUpAfter(3, "Let's leave the check-in here for now. Type \"check in\" whenever you'd like to try again."), ct);
    }

    private static Task<DialogTurnResult> AskCommunicationStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        if (step.Result is not int trust) return step.EndDialogAsync(ct);
        step.Data.Trust = trust;
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Thank you. How has communication between you been since last time?"),
            RetryPrompt = Activity.CreateMessage("Choose \"Better\", \"About the same\" or \"Worse\"."),
            Choices =
            [
                new Choice { Value = "better", Title = "Better", Synonyms = ["improved", "good", "better than before"] },
                new Choice { Value = "same", Title = "About the same", Synonyms = ["same", "the same", "no change", "similar", "ok"] },
                new Choice { Value = "worse", Title = "Worse", Synonyms = ["bad", "not good", "harder"] },
            ],
            MaxRetries = 2,
        }, ct);
    }

    private static Task<DialogTurnResult> AskBoundariesStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        step.Data.Communication = (step.Result as FoundChoice)?.Value ?? "same";
        if (step.Context.Journey().Profile.BoundaryCount <= 0) return step.NextAsync(null, ct);
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Were the boundaries you've set respected since last time?"),
            RetryPrompt = Activity.CreateMessage("Choose \"Yes\", \"Mostly\" or \"No\"."),
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
            RetryPrompt = Activity.CreateMessage("Choose \"Yes\", \"Partly\" or \"Not yet\"."),
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
        return step.PromptAsync(TextPromptId, PromptOptions.Ask(
                "Is there a small win to celebrate, however small? Type it, or skip.",
                $"Type the win in a short sentence (up to {MaxTextLength} characters), or \"skip\".",
                ["Skip"])
            .Between(1, MaxTextLength)
            .GiveUpAfter(2), ct);
    }

    private static Task<DialogTurnResult> AskSetbackStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        step.Data.Win = step.Result is string win && !IsSkip(win) ? win.Trim() : null;
        return step.PromptAsync(TextPromptId, PromptOptions.Ask(
                "And was there anything that felt like a setback? Type it (it stays private), or skip.",
                $"Describe it in a short sentence (up to {MaxTextLength} characters), or \"skip\".",
                ["Skip"])
            .Between(1, MaxTextLength)
            .GiveUpAfter(2), ct);
    }

    private static async Task<DialogTurnResult> ReplyStepAsync(WaterfallStepContext<CheckInData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        var profile = journey.Profile;
        var data = step.Data;
        var setback = step.Result is string text && !IsSkip(text) ? text.Trim() : null;
        var previousTrust = profile.LastTrust;
        var firstCheckIn = profile.CheckInCount == 0 || profile.LastCheckInAt is null;
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
            journey.Records.Add(RecordKinds.Journal, new JournalEntry { Step = 0, Topic = "check-in-setback", Text = setback, At = journey.Now }, JourneyJson.Default.JournalEntry);
        var celebration = data.Win is null ? null : WinsDialog.LogWin(journey, data.Win);

        profile.Streak = Encouragement.NextStreak(profile.Streak, profile.LastCheckInAt, journey.Now, profile.Rhythm, TimeZones.Find(profile.TimeZone));
        profile.CheckInCount++;
        profile.LastCheckInAt = journey.Now;
        profile.LastTrust = data.Trust;

        var parts = new List<string> { Comparison(data.Trust, previousTrust) };
        if (CommitmentFeedback(data.CommitmentKept, profile, journey.Now) is { } commitment) parts.Add(commitment);
        if (celebration is not null) parts.Add(celebration + " I've added it to your small wins.");
        parts.Add(Encouragement.DescribeStreak(profile.Streak, firstCheckIn));
        parts.Add(EncouragementFor(data, previousTrust, setback is not null, spaceActive, profile.Role, data.Win is null ? rememberedWin : null, profile.StepsDone.Contains(6)));
        await step.SendAsync(string.Join("\n\n", parts), ct);
        return await step.EndDialogAsync(ct);
    }

    /// <summary>Trust today compared with the previous check-in.</summary>
    public static string Comparison(int trust, int? previous) => previous switch
    {
        null => string.Create(CultureInfo.InvariantCulture, $"Thank you for checking in. Trust today: {trust}/10. That's your starting point; next time I'll show you how it compares."),
        { } p when trust > p => string.Create(CultureInfo.InvariantCulture, $"Trust today: {trust}/10, up from {p} last time. 📈"),
        { } p when trust < p => string.Create(CultureInfo.InvariantCulture, $"Trust today: {trust}/10, down from {p} last time."),
        _ => string.Create(CultureInfo.InvariantCulture, $"Trust today: {trust}/10, the same as last time."),
    };

    /// <summary>Answers the step-6 question and clears (kept) or renews (not kept) the commitment.</summary>
    private static string? CommitmentFeedback(string? kept, JourneyProfile profile, DateTimeOffset now)
    {
        switch (kept)
        {
            case "yes":
                profile.WeeklyCommitment = null;
                profile.WeeklyCommitmentSetAt = null;
                return "You kept this week's commitment. That's exactly how change becomes visible. Choose a new one in step 6 whenever you're ready.";
            case "partly":
                profile.WeeklyCommitmentSetAt = now;
                return "Partly is still progress. I'll keep the same commitment for another week.";
            case "no":
                profile.WeeklyCommitmentSetAt = now;
                return "That's okay; weeks get away from all of us. I'll keep it for another week, or you can choose a different one in step 6.";
            default:
                return null;
        }
    }

    /// <summary>An improvement is celebrated, a dip gets the step-8 message on setbacks, and a space period leans to self-care.</summary>
    private static string EncouragementFor(CheckInData data, int? previousTrust, bool hadSetback, bool spaceActive, PartnerRole role, string? rememberedWin, bool stepSixDone)
    {
        var dip = data.Trust < previousTrust || data.Communication == "worse" || data.BoundariesRespected == "no" || hadSetback;
        var improved = !dip && (data.Trust > previousTrust || data.Communication == "better");
        string message;
        if (dip)
        {
            message = Encouragement.SetbacksAreNormal(role);
            if (rememberedWin is not null) message += $" And remember your win: \"{rememberedWin}\". That happened too, and it still counts.";
        }
        else if (improved)
        {
            message = "That's progress worth celebrating. 🎉" + (spaceActive ? "" : " If it feels right, tell your partner one thing that helped.");
        }
        else
        {
            message = "Steady is a kind of progress too. Showing up like this, again and again, is how trust is rebuilt.";
        }
        return spaceActive ? message + "\n\n" + Encouragement.SpaceSelfCare(role, stepSixDone) : message;
    }
}
