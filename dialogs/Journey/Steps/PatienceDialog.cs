using System.Globalization;
using TrustBot.Dialogs;

namespace TrustBot.Journey.Steps;

/// <summary>What step 8 collects (the plan itself goes to the private journal).</summary>
internal sealed class PatienceData
{
    /// <summary>How many check-ins the review looked at.</summary>
    public int CheckInsReviewed { get; set; }
    /// <summary>How many of them noted a setback.</summary>
    public int Setbacks { get; set; }
}

/// <summary>
/// Step 8, be patient and persistent: a review of the progress so far (check-in trend, steps done, wins,
/// setbacks), the message that setbacks are normal, a private plan for after a setback, and trust as a choice.
/// </summary>
internal sealed class PatienceDialog : JourneyStepDialog<PatienceData>
{
    private const string PlanPromptId = "patience.plan";

    /// <summary>How many check-ins the review looks back over.</summary>
    public const int ReviewLength = 100;

    /// <summary>Creates step 8.</summary>
    public PatienceDialog() : base(nameof(PatienceDialog), 8, "Be patient and persistent", StepsJson.Default.PatienceData)
    {
        AddSteps(ReviewProgressStepAsync, CloseReflectionStepAsync);
        AddDialog(new TextPrompt(PlanPromptId, NonAnswers.KeepQuestionOpen(PrivateJournal.Earlier(8, "after-a-setback"))));
    }

    private static async Task<DialogTurnResult> ReviewProgressStepAsync(WaterfallStepContext<PatienceData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        var profile = journey.Profile;
        var checkIns = await journey.Records.LatestAsync(RecordKinds.CheckIn, ReviewLength, JourneyJson.Default.CheckInRecord, ct);
        step.Data.CheckInsReviewed = checkIns.Count;
        step.Data.Setbacks = checkIns.Count(c => c.Record.HadSetback);

        await step.SendAsync("Rebuilding trust takes time, and it rarely runs in a straight line. This step is about patience with the process, and about sticking with it through the harder stretches. First, a look at how far you've come.", ct);
        await step.SendAsync(Review(journey.Steps, profile, checkIns.Select(c => c.Record).Reverse().ToList(), step.Data.Setbacks), ct);
        return await step.PromptAsync(PlanPromptId, PromptOptions.Ask(
            Encouragement.SetbacksAreNormal(profile.Role) + "\n\nWhen the next setback comes, what will you do to find your way back? Write one or two things that help you; it stays private.",
            "Write a sentence or two (up to 2000 characters)."), ct);
    }

    private static async Task<DialogTurnResult> CloseReflectionStepAsync(WaterfallStepContext<PatienceData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Result is string plan && NonAnswers.IsContent(plan))
            PrivateJournal.Write(journey, 8, "after-a-setback", plan);
        await step.SendAsync("Thank you. Keep that plan close for the harder days.\n\n" + Encouragement.TrustIsAChoice(journey.Profile.Role), ct);
        return await step.NextAsync(null, ct);
    }

    /// <summary>The progress review: steps done, check-ins and their trend, wins and setbacks.</summary>
    public static string Review(JourneySteps steps, JourneyProfile profile, IReadOnlyList<CheckInRecord> oldestFirst, int setbacks)
    {
        var done = profile.StepsDone.Count == 0 ? "none yet" : string.Join(", ", profile.StepsDone.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        var recent = oldestFirst.TakeLast(JourneyReports.TrendLength).ToList();
        var trend = recent.Count == 0
            ? "no check-ins yet (type \"check in\" to start one)"
            : JourneyReports.Sparkline(recent.Select(c => c.Trust)) + string.Create(CultureInfo.InvariantCulture, $" (from {recent[0].Trust} to {recent[^1].Trust} out of 10)");
        var setbackText = setbacks switch
        {
            0 => "none noted",
            1 => "1, and you kept going",
            _ => string.Create(CultureInfo.InvariantCulture, $"{setbacks}, and you kept going"),
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"Your progress so far:\n- Steps done: {steps.DoneOutOf(profile)} ({done})\n- Check-ins: {profile.CheckInCount} (streak {profile.Streak})\n- Trust trend: {trend}\n- Small wins: {profile.WinCount}\n- Setbacks: {setbackText}");
    }
}
