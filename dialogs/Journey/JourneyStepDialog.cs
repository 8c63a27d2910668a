using System.Text.Json.Serialization.Metadata;
using TrustBot.Dialogs;

namespace TrustBot.Journey;

/// <summary>
/// Base of the eight step flows: the step's own waterfall steps, then the shared close —
/// mark the step done or stay on it.
/// </summary>
/// <typeparam name="TData">The step's data, which is also the flow's result.</typeparam>
public abstract class JourneyStepDialog<TData> : ComponentDialog where TData : class, new()
{
    private const string DoneOrStayPrompt = "doneOrStay";
    private readonly JsonTypeInfo<TData> _typeInfo;

    /// <summary>Creates step <paramref name="step"/> (1–8).</summary>
    protected JourneyStepDialog(int step, JsonTypeInfo<TData> typeInfo) : base(JourneySteps.DialogId(step))
    {
        Step = step;
        _typeInfo = typeInfo;
    }

    /// <summary>The step's number, 1–8.</summary>
    public int Step { get; }

    /// <summary>Adds the step's waterfall: <paramref name="steps"/> followed by the done-or-stay close.</summary>
    protected void AddSteps(params WaterfallStep<TData>[] steps)
    {
        AddDialog(new WaterfallDialog<TData>(Id + ".steps", _typeInfo, [.. steps, AskDoneOrStayStepAsync, FinishStepAsync]));
        AddDialog(new ChoicePrompt(DoneOrStayPrompt));
        InitialDialogId = Id + ".steps";
    }

    private Task<DialogTurnResult> AskDoneOrStayStepAsync(WaterfallStepContext<TData> step, CancellationToken cancellationToken) =>
        step.PromptAsync(DoneOrStayPrompt, new PromptOptions
        {
            Prompt = Schema.Activity.CreateMessage($"Would you like to mark step {Step} as done, or stay with it a while longer?"),
            RetryPrompt = Schema.Activity.CreateMessage("Choose \"Mark as done\" or \"Stay on this step\"."),
            Choices =
            [
                new Choice { Value = "done", Title = "Mark as done", Synonyms = ["done", "yes", "mark it done", "finished"] },
                new Choice { Value = "stay", Title = "Stay on this step", Synonyms = ["stay", "not yet", "no", "later"] },
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
        journey.Profile.MarkStepDone(Step);
        var next = journey.Profile.NextStep;
        await step.SendAsync(next is { } n
            ? $"Step {Step} is marked as done. When you're ready, {JourneySteps.Label(n)} is next."
            : $"Step {Step} is marked as done, and with it all eight steps. That is real, steady work. Keep checking in: trust keeps growing with practice.", cancellationToken);
    }
}
