using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey.Steps;

/// <summary>The review's data; it asks for step 3 to follow when the person wants to set their first boundaries.</summary>
internal sealed class BoundariesReviewData : IFollowUp
{
    /// <inheritdoc />
    public string? FollowUpDialogId { get; set; }

    /// <summary>Something was added, changed or removed (so the close can say so).</summary>
    public bool Changed { get; set; }
}

/// <summary>One boundary being added, edited or removed in the review.</summary>
internal sealed class BoundaryEditData
{
    /// <summary>The row being edited or removed; null when adding.</summary>
    public string? Row { get; set; }

    public string? Behaviour { get; set; }
    public string? Consequence { get; set; }
    public bool AgreedByBoth { get; set; }
}

/// <summary>
/// Reviews the boundaries (from the <c>boundaries</c> command or the menu): lists them numbered and
/// lets the person add, edit or remove one at a time until they are done. With none set, it offers
/// to set some in step 3.
/// </summary>
internal sealed class BoundariesReviewDialog : ComponentDialog
{
    private const string Main = "review.main";
    private const string AddFlow = "review.add";
    private const string EditFlow = "review.edit";
    private const string RemoveFlow = "review.remove";
    private const string ActionPrompt = "review.action";
    private const string PickPrompt = "review.pick";
    private const string TextPromptId = "review.text";
    private const string ConfirmPromptId = "review.confirm";
    private const string KeepWord = "keep";

    /// <summary>Creates the review.</summary>
    public BoundariesReviewDialog() : base(nameof(BoundariesReviewDialog))
    {
        AddDialog(new WaterfallDialog<BoundariesReviewData>(Main, StepsJson.Default.BoundariesReviewData,
            [ListAndAskStepAsync, OpenActionStepAsync, LoopStepAsync]));
        AddDialog(new WaterfallDialog<BoundaryEditData>(AddFlow, StepsJson.Default.BoundaryEditData,
            [AskNewBehaviourStepAsync, AskNewConsequenceStepAsync, SaveNewStepAsync]));
        AddDialog(new WaterfallDialog<BoundaryEditData>(EditFlow, StepsJson.Default.BoundaryEditData,
            [AskWhichToEditStepAsync, AskEditedBehaviourStepAsync, AskEditedConsequenceStepAsync, SaveEditStepAsync]));
        AddDialog(new WaterfallDialog<BoundaryEditData>(RemoveFlow, StepsJson.Default.BoundaryEditData,
            [AskWhichToRemoveStepAsync, ConfirmRemoveStepAsync, RemoveStepAsync]));
        AddDialog(new ChoicePrompt(ActionPrompt));
        AddDialog(new ChoicePrompt(PickPrompt));
        AddDialog(new TextPrompt(TextPromptId));
        AddDialog(new ConfirmPrompt(ConfirmPromptId));
        InitialDialogId = Main;
    }

    private static async Task<DialogTurnResult> ListAndAskStepAsync(WaterfallStepContext<BoundariesReviewData> step, CancellationToken ct)
    {
        var boundaries = await BoundaryRows.LoadAsync(step.Context.Journey(), ct);
        if (boundaries.Count == 0)
        {
            return await step.PromptAsync(ConfirmPromptId, PromptOptions.Ask(
                "You haven't set any boundaries yet. Would you like to set some now?",
                "Would you like to set some boundaries now? Yes or no."), ct);
        }
        await step.SendAsync($"Your boundaries (behaviour → agreed consequence):\n\n{BoundaryRows.Numbered(boundaries)}", ct);
        List<Choice> choices =
        [
            new() { Value = "edit", Title = "Edit one", Synonyms = ["edit", "change", "change one"] },
            new() { Value = "remove", Title = "Remove one", Synonyms = ["remove", "delete", "delete one"] },
            new() { Value = "done", Title = "Done", Synonyms = ["finish", "finished", "that's all", "nothing", "no"] },
        ];
        if (boundaries.Count < BoundaryRows.Max) choices.Insert(0, new Choice { Value = "add", Title = "Add one", Synonyms = ["add", "new", "another"] });
        return await step.PromptAsync(ActionPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage("What would you like to do?"),
            RetryPrompt = Activity.CreateMessage(boundaries.Count < BoundaryRows.Max
                ? "Choose add, edit, remove, or done."
                : "Choose edit, remove, or done."),
            Choices = choices,
        }, ct);
    }

    private static async Task<DialogTurnResult> OpenActionStepAsync(WaterfallStepContext<BoundariesReviewData> step, CancellationToken ct)
    {
        switch (step.Result)
        {
            case true:
                step.Data.FollowUpDialogId = nameof(BoundariesDialog);
                return await step.EndDialogAsync(ct);
            case false:
                await step.SendAsync("That's fine. Whenever you're ready, step 3 will walk you through it.", ct);
                return await step.EndDialogAsync(ct);
            case FoundChoice { Value: "add" }:
                return await step.BeginDialogAsync(AddFlow, new BoundaryEditData(), ct);
            case FoundChoice { Value: "edit" }:
                return await step.BeginDialogAsync(EditFlow, new BoundaryEditData(), ct);
            case FoundChoice { Value: "remove" }:
                return await step.BeginDialogAsync(RemoveFlow, new BoundaryEditData(), ct);
            default:
                await step.SendAsync(step.Data.Changed
                    ? "Your boundaries are saved. Check-ins will ask whether they're being respected."
                    : "Okay. Your boundaries stay as they are.", ct);
                return await step.EndDialogAsync(ct);
        }
    }

    private static Task<DialogTurnResult> LoopStepAsync(WaterfallStepContext<BoundariesReviewData> step, CancellationToken ct)
    {
        if (step.Result is true) step.Data.Changed = true;
        return step.ReplaceDialogAsync(Main, step.Data, ct);
    }

    private static Task<DialogTurnResult> AskNewBehaviourStepAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct) =>
        step.PromptAsync(TextPromptId, BoundaryRows.BehaviourPrompt("What is the behaviour that is not OK?"), ct);

    private static Task<DialogTurnResult> AskNewConsequenceStepAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct)
    {
        step.Data.Behaviour = step.Result as string;
        if (step.Data.Behaviour is null) return step.EndDialogAsync(false, ct);
        return step.PromptAsync(TextPromptId, BoundaryRows.ConsequencePrompt("And the agreed consequence if it happens?"), ct);
    }

    private static async Task<DialogTurnResult> SaveNewStepAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct)
    {
        if (step.Result is not string consequence) return await step.EndDialogAsync(false, ct);
        var journey = step.Context.Journey();
        var existing = await BoundaryRows.LoadAsync(journey, ct);
        if (existing.Count >= BoundaryRows.Max)
        {
            await step.SendAsync($"You already have {BoundaryRows.Max} boundaries, the most I keep. Remove one first to add another.", ct);
            return await step.EndDialogAsync(false, ct);
        }
        BoundaryRows.Save(journey, BoundaryRows.RowKey(BoundaryRows.NextSequence(existing.Select(b => b.Row))),
            new BoundaryRecord { Behaviour = step.Data.Behaviour!, Consequence = consequence, At = journey.Now });
        journey.Profile.BoundaryCount = existing.Count + 1;
        await step.SendAsync("Added.", ct);
        return await step.EndDialogAsync(true, ct);
    }

    private static Task<DialogTurnResult> AskWhichToEditStepAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct) =>
        AskWhichAsync(step, "Which one would you like to edit?", ct);

    private static async Task<DialogTurnResult> AskEditedBehaviourStepAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct)
    {
        if (!await PickAsync(step, ct)) return await step.EndDialogAsync(false, ct);
        var options = BoundaryRows.BehaviourPrompt($"Right now it reads: \"{step.Data.Behaviour}\". What should the behaviour say? Type keep to leave it.");
        options.Choices = [new Choice { Value = KeepWord, Title = "Keep it" }];
        return await step.PromptAsync(TextPromptId, options, ct);
    }

    private static Task<DialogTurnResult> AskEditedConsequenceStepAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct)
    {
        if (step.Result is string behaviour && !IsKeep(behaviour)) step.Data.Behaviour = behaviour;
        var options = BoundaryRows.ConsequencePrompt($"The consequence reads: \"{step.Data.Consequence}\". What should it say? Type keep to leave it.");
        options.Choices = [new Choice { Value = KeepWord, Title = "Keep it" }];
        return step.PromptAsync(TextPromptId, options, ct);
    }

    private static async Task<DialogTurnResult> SaveEditStepAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct)
    {
        if (step.Result is string consequence && !IsKeep(consequence)) step.Data.Consequence = consequence;
        var journey = step.Context.Journey();
        BoundaryRows.Save(journey, step.Data.Row!, new BoundaryRecord
        {
            Behaviour = step.Data.Behaviour!,
            Consequence = step.Data.Consequence!,
            AgreedByBoth = step.Data.AgreedByBoth,
            At = journey.Now,
        });
        await step.SendAsync("Updated.", ct);
        return await step.EndDialogAsync(true, ct);
    }

    private static Task<DialogTurnResult> AskWhichToRemoveStepAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct) =>
        AskWhichAsync(step, "Which one would you like to remove?", ct);

    private static async Task<DialogTurnResult> ConfirmRemoveStepAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct)
    {
        if (!await PickAsync(step, ct)) return await step.EndDialogAsync(false, ct);
        return await step.PromptAsync(ConfirmPromptId, PromptOptions.Ask(
            $"Remove \"{step.Data.Behaviour}\"?", "Remove it? Yes or no."), ct);
    }

    private static async Task<DialogTurnResult> RemoveStepAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct)
    {
        if (step.Result is not true)
        {
            await step.SendAsync("Kept.", ct);
            return await step.EndDialogAsync(false, ct);
        }
        var journey = step.Context.Journey();
        journey.Records.Remove(step.Data.Row!);
        journey.Profile.BoundaryCount = (await BoundaryRows.LoadAsync(journey, ct)).Count;
        await step.SendAsync("Removed.", ct);
        return await step.EndDialogAsync(true, ct);
    }

    /// <summary>Offers the boundaries by number; the choice's value is the row key.</summary>
    private static async Task<DialogTurnResult> AskWhichAsync(WaterfallStepContext<BoundaryEditData> step, string question, CancellationToken ct)
    {
        var boundaries = await BoundaryRows.LoadAsync(step.Context.Journey(), ct);
        return await step.PromptAsync(PickPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage($"{question} Type its number."),
            RetryPrompt = Activity.CreateMessage($"Please type a number from 1 to {boundaries.Count}."),
            Choices = boundaries.Select((b, i) => new Choice { Value = b.Row, Title = $"{i + 1}. {Shorten(b.Record.Behaviour)}" }).ToList(),
            MaxRetries = 2,
        }, ct);
    }

    /// <summary>Loads the picked boundary into the data; false when nothing usable was picked.</summary>
    private static async Task<bool> PickAsync(WaterfallStepContext<BoundaryEditData> step, CancellationToken ct)
    {
        if (step.Result is not FoundChoice picked) return false;
        var boundaries = await BoundaryRows.LoadAsync(step.Context.Journey(), ct);
        if (boundaries.FirstOrDefault(b => b.Row == picked.Value) is not { } chosen) return false;
        step.Data.Row = chosen.Row;
        step.Data.Behaviour = chosen.Record.Behaviour;
        step.Data.Consequence = chosen.Record.Consequence;
        step.Data.AgreedByBoth = chosen.Record.AgreedByBoth;
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";

    private static bool IsKeep(string text) => Recognizers.Normalize(text) is KeepWord or "keep it" or "same" or "leave it";
}
