using TrustBot.Dialogs;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>Erases every record of the person, after confirmation.</summary>
internal sealed class DeleteDataDialog : ComponentDialog
{
    private const string ConfirmPromptId = "delete.confirm";

    /// <summary>Creates the delete flow.</summary>
    public DeleteDataDialog() : base(nameof(DeleteDataDialog))
    {
        AddDialog(new WaterfallDialog<SettingsData>("delete", JourneyJson.Default.SettingsData, [ConfirmStepAsync, DeleteStepAsync]));
        AddDialog(new ChoicePrompt(ConfirmPromptId));
    }

    /// <summary>The one confirmation asked before anything is erased, shared with "start over".</summary>
    public static PromptOptions ConfirmOptions() => new()
    {
        Prompt = Activity.CreateMessage("This erases everything I have stored about you: your profile, journal, check-ins, wins, boundaries and apology drafts. It can't be undone. Delete it all?"),
        RetryPrompt = Activity.CreateMessage("Please choose \"Yes, delete everything\" or \"No, keep it\"."),
        Choices =
        [
            new Choice { Value = "delete", Title = "Yes, delete everything", Synonyms = ["yes", "delete", "yes delete"] },
            new Choice { Value = "keep", Title = "No, keep it", Synonyms = ["no", "keep", "cancel"] },
        ],
        MaxRetries = 1,
    };

    /// <summary>Erases everything when <paramref name="answer"/> is the confirmed "delete", otherwise says nothing was deleted.</summary>
    public static async Task EraseIfConfirmedAsync(ITurnContext context, object? answer, CancellationToken ct)
    {
        if (answer is not FoundChoice { Value: "delete" })
        {
            await context.SendActivityAsync("Nothing was deleted.", ct);
            return;
        }
        var journey = context.Journey();
        await journey.Records.DeleteAllAsync(ct);
        journey.Profile = new JourneyProfile();
        journey.Erased = true;
        await context.SendActivityAsync("Done: everything I had stored about you is erased. If you write to me again, we'll start fresh. Take care of yourself.", ct);
    }

    private static Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct) =>
        step.PromptAsync(ConfirmPromptId, ConfirmOptions(), ct);

    private static async Task<DialogTurnResult> DeleteStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct)
    {
        await EraseIfConfirmedAsync(step.Context, step.Result, ct);
        return await step.EndDialogAsync(ct);
    }
}
