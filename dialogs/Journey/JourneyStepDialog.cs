using System.Text.Json.Serialization.Metadata;
using TrustBot.Dialogs;

namespace TrustBot.Journey;

/// <summary>
/// Base of every step flow: the step's own waterfall steps, then the shared close — mark the step done
/// or stay on it.
/// </summary>
/// <typeparam name="TData">The step's data, which is also the flow's result.</typeparam>
/// <param name="id">The dialog id; stored dialog stacks name the step by it, so it never changes (the class name).</param>
/// <param name="number">The step's place in the journey, from 1.</param>
/// <param name="title">The step's title in the menu, the step list and progress.</param>
/// <param name="typeInfo">The step data's generated JSON metadata (<see cref="Steps.StepsJson"/>).</param>
internal abstract class JourneyStepDialog<TData>(string id, int number, string title, JsonTypeInfo<TData> typeInfo) : JourneyStep(id, number, title)
    where TData : class, new()
{
    private const string DoneOrStayPrompt = "doneOrStay";

    /// <summary>Adds the step's waterfall: <paramref name="steps"/> followed by the done-or-stay close.</summary>
    protected void AddSteps(params WaterfallStep<TData>[] steps)
    {
        AddDialog(new WaterfallDialog<TData>(Id + ".steps", typeInfo, [.. steps, AskDoneOrStayStepAsync, FinishStepAsync]));
        AddDialog(new ChoicePrompt(DoneOrStayPrompt));
        InitialDialogId = Id + ".steps";
    }

    private Task<DialogTurnResult> AskDoneOrStayStepAsync(WaterfallStepContext<TData> step, CancellationToken cancellationToken) =>
        step.PromptAsync(DoneOrStayPrompt, new PromptOptions
        {
            Prompt = Schema.Activity.CreateMessage($"Would you like to mark step {Number} as done, or stay with it a while longer?"),
            RetryPrompt = Schema.Activity.CreateMessage("Choose \"Mark as done\" or \"Stay on this step\"."),
            Choices =
            [
                new Choice { Value = "done", Title = "Mark as done", Synonyms = ["done", "yes", "mark it done", "finished", "continue", "next", "next step", "move on", "complete"] },
                new Choice { Value = "stay", Title = "Stay on this step", Synonyms = ["stay", "not yet", "no", "later", "not done", "more time", "stay here"] },
            ],
        }, cancellationToken);

    private async Task<DialogTurnResult> FinishStepAsync(WaterfallStepContext<TData> step, CancellationToken cancellationToken)
    {
        if (step.Result is FoundChoice { Value: "done" })
        {
            await MarkDoneAsync(step, cancellationToken);
        }
        else
        {
            await step.SendAsync("That's fine. There's no rush: you can come back to this step any time from the menu.", cancellationToken);
        }
        return await step.EndDialogAsync(cancellationToken);
    }

    /// <summary>Marks this step done and says what comes next; for steps that offer "done" before the shared close.</summary>
    protected async Task MarkDoneAsync(WaterfallStepContext<TData> step, CancellationToken cancellationToken)
    {
        var journey = step.Context.Journey();
        journey.Profile.MarkStepDone(Number);
        await step.SendAsync(journey.Steps.NextStep(journey.Profile) is { } next
            ? $"Step {Number} is marked as done. When you're ready, {journey.Steps.Label(next)} is next."
            : $"Step {Number} is marked as done, and with it all {journey.Steps.CountInWords} steps. That is real, steady work. Keep checking in: trust keeps growing with practice.", cancellationToken);
    }
}
