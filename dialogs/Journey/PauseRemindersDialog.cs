using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>Pauses reminders for a day, a week, or until the person says so.</summary>
internal sealed class PauseRemindersDialog : ComponentDialog
{
    private const string HowLongPrompt = "pause.howLong";

    /// <summary>Creates the pause flow.</summary>
    public PauseRemindersDialog() : base(nameof(PauseRemindersDialog))
    {
        AddDialog(new WaterfallDialog<SettingsData>("pause", JourneyJson.Default.SettingsData, [AskHowLongStepAsync, PauseStepAsync]));
        AddDialog(new ChoicePrompt(HowLongPrompt));
    }

    private static Task<DialogTurnResult> AskHowLongStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct) =>
        step.PromptAsync(HowLongPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Of course. For how long should I pause reminders?"),
            Choices =
            [
                new Choice { Value = "day", Title = "For a day", Synonyms = ["a day", "1 day", "today", "one day"] },
                new Choice { Value = "week", Title = "For a week", Synonyms = ["a week", "1 week", "one week"] },
                new Choice { Value = "open", Title = "Until I say", Synonyms = ["until i say so", "indefinitely", "for now"] },
            ],
        }, ct);

    private static async Task<DialogTurnResult> PauseStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        var choice = (step.Result as FoundChoice)?.Value;
        if (choice is null) return await step.EndDialogAsync(ct);
        journey.Profile.RemindersPausedUntil = choice switch
        {
            "day" => journey.Now.AddDays(1),
            "week" => journey.Now.AddDays(7),
            _ => DateTimeOffset.MaxValue,
        };
        await step.SendAsync(choice == "open"
            ? "Reminders are paused until you type \"resume reminders\". You can still check in any time."
            : $"Reminders are paused {(choice == "day" ? "for a day" : "for a week")}. Type \"resume reminders\" to bring them back sooner.", ct);
        return await step.EndDialogAsync(ct);
    }
}
