using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>Restarts the journey, keeping or erasing the history.</summary>
internal sealed class StartOverDialog : ComponentDialog
{
    private const string KeepPrompt = "startOver.keep";
    private const string ConfirmErasePrompt = "startOver.confirmErase";

    /// <summary>Creates the start-over flow.</summary>
    public StartOverDialog() : base(nameof(StartOverDialog))
    {
        AddDialog(new WaterfallDialog<SettingsData>("startOver", JourneyJson.Default.SettingsData, [AskKeepHistoryStepAsync, ConfirmEraseStepAsync, RestartStepAsync]));
        AddDialog(new ChoicePrompt(KeepPrompt));
        AddDialog(new ChoicePrompt(ConfirmErasePrompt));
    }

    private static Task<DialogTurnResult> AskKeepHistoryStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct) =>
        step.PromptAsync(KeepPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Let's start the journey again. Should I keep your history (check-ins, wins, notes) or erase it?"),
            Choices =
            [
                new Choice { Value = "keep", Title = "Keep my history", Synonyms = ["keep", "keep it"] },
                new Choice { Value = "erase", Title = "Erase everything", Synonyms = ["erase", "delete", "erase it"] },
                new Choice { Value = "cancel", Title = "Never mind", Synonyms = ["no", "cancel"] },
            ],
        }, ct);

    /// <summary>Erasing asks exactly what "delete my data" asks: nothing is wiped on one tap.</summary>
    private static Task<DialogTurnResult> ConfirmEraseStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct)
    {
        if (step.Result is not FoundChoice { Value: "erase" }) return step.NextAsync(step.Result, ct);
        step.Values["erasing"] = true;
        return step.PromptAsync(ConfirmErasePrompt, DeleteDataDialog.ConfirmOptions(), ct);
    }

    private static async Task<DialogTurnResult> RestartStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Values["erasing"] is not null)
        {
            await DeleteDataDialog.EraseIfConfirmedAsync(step.Context, step.Result, ct);
            return await step.EndDialogAsync(ct);
        }
        switch ((step.Result as FoundChoice)?.Value)
        {
            case "keep":
                var kept = journey.Profile;
                journey.Profile = new JourneyProfile
                {
                    Consented = true,
                    ConsentedAt = kept.ConsentedAt,
                    CheckInCount = kept.CheckInCount,
                    Streak = kept.Streak,
                    LastCheckInAt = kept.LastCheckInAt,
                    LastTrust = kept.LastTrust,
                    WinCount = kept.WinCount,
                    LastWin = kept.LastWin,
                    BoundaryCount = kept.BoundaryCount,
                    Country = kept.Country,
                };
                await step.SendAsync("Your history is kept. Let's go through the beginning again.", ct);
                return await step.EndDialogAsync(new FollowUp { FollowUpDialogId = nameof(OnboardingDialog), FollowUpOptions = new OnboardingData { Restart = true } }, ct);
            default:
                await step.SendAsync("Alright, nothing has changed.", ct);
                return await step.EndDialogAsync(ct);
        }
    }
}
