using TrustBot.Dialogs;

namespace TrustBot.Journey.Steps;

/// <summary>What step 7 collects.</summary>
internal sealed class SmallWinsData
{
    /// <summary>The win logged in this step.</summary>
    public string? Win { get; set; }
}

/// <summary>
/// Step 7, celebrate small wins: why noticing progress matters, logging a win with a celebration and the
/// recent wins, and a closing reflection.
/// </summary>
internal sealed class SmallWinsDialog : JourneyStepDialog<SmallWinsData>
{
    private const string WinPromptId = "smallWins.text";

    /// <summary>Creates step 7.</summary>
    public SmallWinsDialog() : base(nameof(SmallWinsDialog), 7, "Celebrate small wins", StepsJson.Default.SmallWinsData)
    {
        AddSteps(AskWinStepAsync, CelebrateWinStepAsync, CloseReflectionStepAsync);
        AddDialog(new TextPrompt(WinPromptId, NonAnswers.KeepQuestionOpen(NonAnswers.WinsAsync, answerQuestions: true)));
    }

    private static async Task<DialogTurnResult> AskWinStepAsync(WaterfallStepContext<SmallWinsData> step, CancellationToken ct)
    {
        var role = step.Context.Journey().Profile.Role;
        await step.SendAsync(RoleText.Pick(role,
            hurt: "Trust comes back gradually, so the progress is easy to miss. Noticing small wins (a moment you felt at ease, an honest answer, a kept promise) keeps you going and keeps your eyes on healing.",
            repairing: "Trust comes back gradually, so the progress is easy to miss. Noticing small wins, including the effort your partner is making, keeps you both motivated and focused on healing rather than only on the damage.",
            both: "Trust comes back gradually, so the progress is easy to miss. Noticing small wins, and the effort each of you is putting in, keeps you both motivated and focused on healing."), ct);
        return await step.PromptAsync(WinPromptId, WinsDialog.WinPrompt("What's one small win from the last few days? It can be tiny."), ct);
    }

    private static async Task<DialogTurnResult> CelebrateWinStepAsync(WaterfallStepContext<SmallWinsData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Result is string text && NonAnswers.Classify(text) is var kind and not NonAnswerKind.None)
        {
            await step.SendAsync(NonAnswers.Reply(kind) + " Wins often show up later; you can add one any time by typing \"wins\".", ct);
        }
        else if (step.Result is string win)
        {
            step.Data.Win = win;
            var celebration = WinsDialog.LogWin(journey, win);
            var recent = await journey.Records.LatestAsync(RecordKinds.Win, WinsDialog.RecentCount, JourneyJson.Default.WinRecord, ct);
            await step.SendAsync(celebration + "\n\n" + WinsDialog.ListWins(recent, TimeZones.Find(journey.Profile.TimeZone)), ct);
        }
        return await step.NextAsync(null, ct);
    }

    private static async Task<DialogTurnResult> CloseReflectionStepAsync(WaterfallStepContext<SmallWinsData> step, CancellationToken ct)
    {
        await step.SendAsync("Wins like these are easy to forget on harder days, so I'll keep them and remind you of them. You can add more any time by typing \"wins\".", ct);
        return await step.NextAsync(null, ct);
    }
}
