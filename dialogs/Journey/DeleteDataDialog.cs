using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>Erases every record of the person, after confirmation.</summary>
public sealed class DeleteDataDialog : ComponentDialog
{
    private const string ConfirmPromptId = "delete.confirm";

    /// <summary>Creates the delete flow.</summary>
    public DeleteDataDialog() : base(nameof(DeleteDataDialog))
    {
        AddDialog(new WaterfallDialog<SettingsData>("delete", JourneyJson.Default.SettingsData, [ConfirmStepAsync, DeleteStepAsync]));
        AddDialog(new ChoicePrompt(ConfirmPromptId));
    }

    private static Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct) =>
        step.PromptAsync(ConfirmPromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("This erases everything I have stored about you: your profile, journal, check-ins, wins, boundaries and apology drafts. It can't be undone. Delete it all?"),
            RetryPrompt = Activity.CreateMessage("Please choose \"Yes, delete everything\" or \"No, keep it\"."),
            Choices =
            [
                new Choice { Value = "delete", Title = "Yes, delete everything", Synonyms = ["yes", "delete", "yes delete"] },
                new Choice { Value = "keep", Title = "No, keep it", Synonyms = ["no", "keep", "cancel"] },
            ],
            MaxRetries = 1,
        }, ct);

    private static async Task<DialogTurnResult> DeleteStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct)
    {
        if (step.Result is not FoundChoice { Value: "delete" })
        {
            await step.SendAsync("Nothing was deleted.", ct);
            return await step.EndDialogAsync(ct);
        }
        var journey = step.Context.Journey();
        await journey.Records.DeleteAllAsync(ct);
        journey.Profile = new JourneyProfile();
        journey.Erased = true;
        await step.SendAsync("Done: everything I had stored about you is erased. If you write to me again, we'll start fresh. Take care of yourself.", ct);
        return await step.EndDialogAsync(ct);
    }
}
