using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey.Steps;

/// <summary>A boundary being written in step 3.</summary>
internal sealed class NewBoundary
{
    public string Behaviour { get; set; } = "";
    public string Consequence { get; set; } = "";
}

/// <summary>What step 3 collects.</summary>
internal sealed class BoundariesData
{
    public int Existing { get; set; }
    public List<NewBoundary> Added { get; set; } = [];
    public bool? AgreedByBoth { get; set; }
}

/// <summary>The add-a-boundary loop: how many exist already and what has been written so far.</summary>
internal sealed class BoundaryLoopData
{
    public int Existing { get; set; }
    public List<NewBoundary> Added { get; set; } = [];

    /// <summary>The behaviour of the boundary in progress.</summary>
    public string? Behaviour { get; set; }

    /// <summary>The total so far.</summary>
    public int Total => Existing + Added.Count;
}

/// <summary>
/// Step 3, set clear boundaries: why they help, then a loop of "the behaviour that is not OK" →
/// "the agreed consequence" → "add another?" (at most <see cref="BoundaryRows.Max"/> in all), whether
/// both partners agreed, and the boundaries saved as rows that the review can edit.
/// </summary>
internal sealed class BoundariesDialog : JourneyStepDialog<BoundariesData>
{
    // Wording written for one role only; the wording audit (RoleWordingTests) checks no other role is shown it.
    private const string HurtBoundaryExample = "\"Deleting messages before I can see them.\"";
    private const string RepairingBoundaryExample = "\"Keeping it secret who I'm messaging.\"";
    private const string BothBoundaryExample = "\"Raising our voices when we disagree.\"";

    /// <inheritdoc />
    public override IReadOnlyList<(PartnerRole Role, string Text)> RoleSpecificTexts =>
    [
        (PartnerRole.Hurt, HurtBoundaryExample),
        (PartnerRole.Repairing, RepairingBoundaryExample),
        (PartnerRole.Both, BothBoundaryExample),
    ];

    private const string AddLoop = "boundaries.add";
    private const string BehaviourPrompt = "boundaries.behaviour";
    private const string ConsequencePrompt = "boundaries.consequence";
    private const string AnotherPrompt = "boundaries.another";
    private const string AgreedPrompt = "boundaries.agreed";

    /// <summary>Creates step 3.</summary>
    public BoundariesDialog() : base(nameof(BoundariesDialog), 3, "Set clear boundaries", StepsJson.Default.BoundariesData)
    {
        AddSteps(ExplainStepAsync, AskAgreedStepAsync, SaveAndCloseStepAsync);
        AddDialog(new WaterfallDialog<BoundaryLoopData>(AddLoop, StepsJson.Default.BoundaryLoopData,
            [AskBehaviourStepAsync, AskConsequenceStepAsync, AskAnotherStepAsync, LoopOrFinishStepAsync]));
        AddDialog(new TextPrompt(BehaviourPrompt));
        AddDialog(new TextPrompt(ConsequencePrompt));
        AddDialog(new ConfirmPrompt(AnotherPrompt));
        AddDialog(new ChoicePrompt(AgreedPrompt));
    }

    private static async Task<DialogTurnResult> ExplainStepAsync(WaterfallStepContext<BoundariesData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        step.Data.Existing = (await BoundaryRows.LoadAsync(journey, ct)).Count;
        var full = step.Data.Existing >= BoundaryRows.Max;
        var why = RoleText.Pick(journey.Profile.Role,
            hurt: "Step 3 is about clear boundaries. Saying plainly what is not OK, and what happens if it occurs, gives you something solid to stand on while trust regrows.",
            repairing: "Step 3 is about clear boundaries. Agreeing what is not OK, and keeping to it, is one of the clearest ways to show your partner you're committed.",
            both: "Step 3 is about clear boundaries. Agreeing together what is not OK, and what happens if it occurs, gives you both something solid to stand on.");
        await step.SendAsync(full
            ? $"{why}\n\nYou already have {BoundaryRows.Max} boundaries, the most I keep. Type \"boundaries\" any time to review, change or remove them."
            : why, ct);
        if (full) return await step.NextAsync(null, ct);
        return await step.BeginDialogAsync(AddLoop, new BoundaryLoopData { Existing = step.Data.Existing }, ct);
    }

    private static Task<DialogTurnResult> AskBehaviourStepAsync(WaterfallStepContext<BoundaryLoopData> step, CancellationToken ct)
    {
        var first = step.Data.Added.Count == 0;
        var role = step.Context.Journey().Profile.Role;
        var question = first
            ? RoleText.Pick(role,
                hurt: $"What is one behaviour that is not OK for you? For example: {HurtBoundaryExample}",
                repairing: $"What is one behaviour you're agreeing to stay away from? For example: {RepairingBoundaryExample}",
                both: $"What is one behaviour that is not OK for the two of you? For example: {BothBoundaryExample}")
            : "What's the next behaviour that is not OK?";
        return step.PromptAsync(BehaviourPrompt, BoundaryRows.BehaviourPrompt(question), ct);
    }

    private static Task<DialogTurnResult> AskConsequenceStepAsync(WaterfallStepContext<BoundaryLoopData> step, CancellationToken ct)
    {
        step.Data.Behaviour = step.Result is string behaviour && NonAnswers.IsContent(behaviour) ? behaviour : null;
        if (step.Data.Behaviour is null) return step.EndDialogAsync(ct);
        return step.PromptAsync(ConsequencePrompt, BoundaryRows.ConsequencePrompt(
            "And what is the agreed consequence if it happens? For example: \"We stop and talk it through the same day.\""), ct);
    }

    private static async Task<DialogTurnResult> AskAnotherStepAsync(WaterfallStepContext<BoundaryLoopData> step, CancellationToken ct)
    {
        if (step.Result is string consequence)
            step.Data.Added.Add(new NewBoundary { Behaviour = step.Data.Behaviour!, Consequence = consequence });
        step.Data.Behaviour = null;
        if (step.Data.Total >= BoundaryRows.Max)
        {
            await step.SendAsync($"That makes {BoundaryRows.Max}, the most I keep. A few clear boundaries usually work better than many anyway.", ct);
            return await step.NextAsync(false, ct);
        }
        return await step.PromptAsync(AnotherPrompt, PromptOptions.Ask(
            $"Got it. That's {step.Data.Added.Count} so far. Would you like to add another?",
            "Would you like to add another boundary? Yes or no."), ct);
    }

    private static Task<DialogTurnResult> LoopOrFinishStepAsync(WaterfallStepContext<BoundaryLoopData> step, CancellationToken ct) =>
        step.Result is true
            ? step.ReplaceDialogAsync(AddLoop, step.Data, ct)
            : step.EndDialogAsync(ct);

    private static Task<DialogTurnResult> AskAgreedStepAsync(WaterfallStepContext<BoundariesData> step, CancellationToken ct)
    {
        if (step.Result is BoundaryLoopData loop) step.Data.Added = loop.Added;
        if (step.Data.Added.Count == 0) return step.NextAsync(null, ct);
        return step.PromptAsync(AgreedPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage(step.Data.Added.Count == 1 ? "Have you both agreed to this boundary?" : "Have you both agreed to these boundaries?"),
            RetryPrompt = Activity.CreateMessage("\"Yes, we both agreed\" if you've talked them through together and both said yes; \"Not yet\" if not, or if you're not sure."),
            MaxRetries = 2,
            Choices =
            [
                new Choice { Value = "yes", Title = "Yes, we both agreed", Synonyms = ["yes", "we have", "agreed", "y"] },
                new Choice { Value = "not-yet", Title = "Not yet", Synonyms = ["no", "not really", "not sure", "n"] },
            ],
        }, ct);
    }

    private static async Task<DialogTurnResult> SaveAndCloseStepAsync(WaterfallStepContext<BoundariesData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Data.Added.Count > 0)
        {
            step.Data.AgreedByBoth = step.Result is FoundChoice { Value: "yes" };
            var existing = await BoundaryRows.LoadAsync(journey, ct);
            var sequence = BoundaryRows.NextSequence(existing.Select(b => b.Row));
            foreach (var boundary in step.Data.Added)
            {
                BoundaryRows.Save(journey, BoundaryRows.RowKey(sequence++), new BoundaryRecord
                {
                    Behaviour = boundary.Behaviour,
                    Consequence = boundary.Consequence,
                    AgreedByBoth = step.Data.AgreedByBoth == true,
                    At = journey.Now,
                });
            }
            journey.Profile.BoundaryCount = existing.Count + step.Data.Added.Count;
            // No answer is not a "no": say plainly what was saved and how to change it.
            if (step.Result is null)
                await step.SendAsync("I didn't catch whether you've both agreed, so I've saved them as not agreed yet. You can change that any time by typing \"boundaries\".", ct);
            await step.SendAsync(step.Data.AgreedByBoth == true
                ? "Saved. Agreeing on them together already shows commitment from you both."
                : journey.Profile.IsSpaceActive(journey.Now)
                    ? "Saved. When the time is right, sharing them with your partner will help them work."
                    : "Saved. Boundaries work best when you both agree, so consider going through them together in your next calm talk.", ct);
        }
        await step.SendAsync("To close this step: boundaries aren't punishments, they're promises that make trust safe to try again. Type \"boundaries\" any time to review or change them, and check-ins will ask how they're going.", ct);
        return await step.NextAsync(null, ct);
    }
}
