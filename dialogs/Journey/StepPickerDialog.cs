using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>Lists the journey's steps (done ones ticked) and opens the one chosen.</summary>
internal sealed class StepPickerDialog : ComponentDialog
{
    private const string PickPrompt = "steps.pick";

    /// <summary>Creates the picker.</summary>
    public StepPickerDialog() : base(nameof(StepPickerDialog))
    {
        AddDialog(new WaterfallDialog<SettingsData>("steps", JourneyJson.Default.SettingsData, [AskStepStepAsync, OpenStepAsync]));
        AddDialog(new ChoicePrompt(PickPrompt));
    }

    private static Task<DialogTurnResult> AskStepStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        var done = journey.Profile.StepsDone;
        return step.PromptAsync(PickPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Which step would you like to open? You can revisit any of them."),
            Choices = journey.Steps.All.Select(s => new Choice
            {
                Value = s.Id,
                Title = (done.Contains(s.Number) ? "✓ " : "") + journey.Steps.Label(s.Number),
                Synonyms = [s.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"step {s.Number}", s.Title],
            }).ToList(),
            MaxRetries = 2,
        }, ct);
    }

    private static Task<DialogTurnResult> OpenStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct) =>
        step.EndDialogAsync(new FollowUp { FollowUpDialogId = (step.Result as FoundChoice)?.Value }, ct);
}
