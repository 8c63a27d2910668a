using System.Text;
using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey.Steps;

/// <summary>What step 4 collects.</summary>
internal sealed class ApologyData
{
    /// <summary>The repairing path: a final draft was saved.</summary>
    public bool DraftSaved { get; set; }

    /// <summary>The hurt path: "yes", "no" or "partly".</summary>
    public string? Offered { get; set; }

    /// <summary>The hurt path: "yes", "not-really" or "not-sure".</summary>
    public string? FeltSincere { get; set; }
}

/// <summary>The draft-and-check loop of the repairing partner.</summary>
internal sealed class ApologyDraftData
{
    public int Round { get; set; } = 1;
    public string? Draft { get; set; }
    public List<string> ElementsPresent { get; set; } = [];
}

/// <summary>The hurt partner's answers about the apology.</summary>
internal sealed class ApologyHearingData
{
    public string? Needs { get; set; }
    public string? Offered { get; set; }
    public string? FeltSincere { get; set; }
}

/// <summary>
/// Step 4, apologise and accept responsibility. The partner repairing the trust (and each partner
/// when both are working on it) drafts an apology; the checker shows which parts of a sincere apology
/// are there and flags phrases that undo one; they revise until satisfied and the final draft is kept
/// privately. The hurt partner says what they need to hear, whether an apology was offered and whether
/// it felt sincere.
/// </summary>
internal sealed class ApologyDialog : JourneyStepDialog<ApologyData>
{
    /// <summary>The most drafts checked in one go; after that the latest is kept.</summary>
    public const int MaxRounds = 5;

    /// <summary>The journal topic of what the hurt partner needs to hear.</summary>
    public const string NeedsTopic = "What I need to hear in an apology";

    /// <summary>The journal topic of whether an apology was offered and felt sincere.</summary>
    public const string OfferedTopic = "The apology so far";

    private const string DraftLoop = "apology.draft";
    private const string HearingFlow = "apology.hearing";
    private const string DraftPrompt = "apology.draftText";
    private const string SatisfiedPrompt = "apology.satisfied";
    private const string NeedsPrompt = "apology.needs";
    private const string ChoicePromptId = "apology.choice";

    /// <summary>Creates step 4.</summary>
    public ApologyDialog() : base(nameof(ApologyDialog), 4, "Apologise and accept responsibility", StepsJson.Default.ApologyData)
    {
        AddSteps(ExplainStepAsync, SaveAndCloseStepAsync);
        AddDialog(new WaterfallDialog<ApologyDraftData>(DraftLoop, StepsJson.Default.ApologyDraftData,
            [AskDraftStepAsync, ShowCheckStepAsync, ReviseOrFinishStepAsync]));
        AddDialog(new WaterfallDialog<ApologyHearingData>(HearingFlow, StepsJson.Default.ApologyHearingData,
            [AskWhatYouNeedStepAsync, AskIfOfferedStepAsync, AskIfSincereStepAsync, ReflectStepAsync]));
        AddDialog(new TextPrompt(DraftPrompt, NonAnswers.KeepQuestionOpen(NonAnswers.ApologyDraftsAsync)));
        AddDialog(new ChoicePrompt(SatisfiedPrompt));
        AddDialog(new TextPrompt(NeedsPrompt, NonAnswers.KeepQuestionOpen(PrivateJournal.Earlier(4, NeedsTopic))));
        AddDialog(new ChoicePrompt(ChoicePromptId));
    }

    private static async Task<DialogTurnResult> ExplainStepAsync(WaterfallStepContext<ApologyData> step, CancellationToken ct)
    {
        var role = step.Context.Journey().Profile.Role;
        await step.SendAsync(RoleText.Pick(role,
            hurt: "Step 4 is about apology and responsibility. A sincere apology can't undo what happened, but it can show you that your partner understands the hurt and owns it.",
            repairing: "Step 4 is about apology and responsibility. A sincere apology shows your partner that you truly understand the hurt you caused and that you own it, with no excuses.",
            both: "Step 4 is about apology and responsibility. When you've both hurt each other, each of you owning your part is what clears the way forward."), ct);
        return role == PartnerRole.Hurt
            ? await step.BeginDialogAsync(HearingFlow, new ApologyHearingData(), ct)
            : await step.BeginDialogAsync(DraftLoop, new ApologyDraftData(), ct);
    }

    private static async Task<DialogTurnResult> AskDraftStepAsync(WaterfallStepContext<ApologyDraftData> step, CancellationToken ct)
    {
        if (step.Data.Round == 1)
        {
            var earlier = await NonAnswers.ApologyDraftsAsync(step.Context.Journey(), ct);
            if (earlier.Count > 0) await step.SendAsync(NonAnswers.ShowEarlier(earlier.Take(1).ToList(), ""), ct);
        }
        var question = step.Data.Round == 1
            ? "Let's draft an apology, in your own words, as you would say it to your partner. Only you will see it here."
            : "Go ahead: write your revised apology.";
        return await step.PromptAsync(DraftPrompt, PromptOptions.Ask(question, "Write it as a few sentences, up to 3000 characters, or type skip.").Between(1, 3000), ct);
    }

    private static async Task<DialogTurnResult> ShowCheckStepAsync(WaterfallStepContext<ApologyDraftData> step, CancellationToken ct)
    {
        if (step.Result is not string draft) return await step.EndDialogAsync(ct);
        if (NonAnswers.Classify(draft) is var kind and not NonAnswerKind.None)
        {
            // A non-answer is never kept as the final draft; an earlier draft of this round stays as it was.
            await step.SendAsync(NonAnswers.Reply(kind), ct);
            return await step.EndDialogAsync(ct);
        }
        step.Data.Draft = draft;
        var check = ApologyChecker.Check(draft);
        step.Data.ElementsPresent = check.Present.Select(e => e.ToString()).ToList();
        if (step.Data.Round >= MaxRounds)
        {
            await step.SendAsync(Feedback(check) + $"\n\nThat's {MaxRounds} versions, a good place to pause, so I'll keep this one. You can refine it another time.", ct);
            return await step.NextAsync(new FoundChoice("keep", 0), ct);
        }
        await step.SendAsync(Feedback(check), ct);
        return await step.PromptAsync(SatisfiedPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage(check.IsComplete
                ? "Are you happy with it, or would you like to revise it?"
                : "Would you like to revise it, or are you happy with it as it is?"),
            RetryPrompt = Activity.CreateMessage("Choose \"I'm happy with it\" or \"Revise it\"."),
            Choices =
            [
                new Choice { Value = "keep", Title = "I'm happy with it", Synonyms = ["happy", "keep", "keep it", "done", "yes", "satisfied"] },
                new Choice { Value = "revise", Title = "Revise it", Synonyms = ["revise", "again", "rewrite", "edit", "change it"] },
            ],
        }, ct);
    }

    private static Task<DialogTurnResult> ReviseOrFinishStepAsync(WaterfallStepContext<ApologyDraftData> step, CancellationToken ct)
    {
        if (step.Result is FoundChoice { Value: "revise" })
        {
            step.Data.Round++;
            return step.ReplaceDialogAsync(DraftLoop, step.Data, ct);
        }
        return step.EndDialogAsync(ct);
    }

    private static Task<DialogTurnResult> AskWhatYouNeedStepAsync(WaterfallStepContext<ApologyHearingData> step, CancellationToken ct) =>
        step.PromptAsync(NeedsPrompt, PromptOptions.Ask(
            "What would you need to hear in an apology for it to mean something to you? Only you will see this.",
            "Write it in a sentence or two, up to 2000 characters.").Between(1, 2000), ct);

    private static Task<DialogTurnResult> AskIfOfferedStepAsync(WaterfallStepContext<ApologyHearingData> step, CancellationToken ct)
    {
        step.Data.Needs = step.Result is string needs && NonAnswers.IsContent(needs) ? needs : null;
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Has your partner offered you an apology?"),
            RetryPrompt = Activity.CreateMessage("Please choose \"Yes\", \"No\" or \"Partly\"."),
            Choices =
            [
                new Choice { Value = "yes", Title = "Yes", Synonyms = ["y", "they have", "yes they have"] },
                new Choice { Value = "no", Title = "No", Synonyms = ["n", "not yet", "never"] },
                new Choice { Value = "partly", Title = "Partly", Synonyms = ["sort of", "kind of", "a bit", "somewhat"] },
            ],
        }, ct);
    }

    private static Task<DialogTurnResult> AskIfSincereStepAsync(WaterfallStepContext<ApologyHearingData> step, CancellationToken ct)
    {
        step.Data.Offered = (step.Result as FoundChoice)?.Value;
        if (step.Data.Offered is null or "no") return step.NextAsync(null, ct);
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Did it feel sincere to you?"),
            RetryPrompt = Activity.CreateMessage("Please choose \"Yes\", \"Not really\" or \"I'm not sure\"."),
            Choices =
            [
                new Choice { Value = "yes", Title = "Yes", Synonyms = ["y", "it did"] },
                new Choice { Value = "not-really", Title = "Not really", Synonyms = ["no", "n", "not at all"] },
                new Choice { Value = "not-sure", Title = "I'm not sure", Synonyms = ["not sure", "unsure", "don't know", "maybe"] },
            ],
        }, ct);
    }

    private static Task<DialogTurnResult> ReflectStepAsync(WaterfallStepContext<ApologyHearingData> step, CancellationToken ct)
    {
        step.Data.FeltSincere = (step.Result as FoundChoice)?.Value;
        return step.EndDialogAsync(ct);
    }

    private static async Task<DialogTurnResult> SaveAndCloseStepAsync(WaterfallStepContext<ApologyData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        switch (step.Result)
        {
            case ApologyDraftData { Draft: { } draft } loop:
                journey.Records.Add(RecordKinds.Apology, new ApologyDraft { At = journey.Now, Text = draft, ElementsPresent = loop.ElementsPresent, Final = true }, JourneyJson.Default.ApologyDraft);
                step.Data.DraftSaved = true;
                await step.SendAsync("Your final draft is saved privately. When and how you share it is up to you; said in person, calmly, it usually means the most.\n\n" +
                    "To close this step: an apology is a beginning, not a finish line. Your actions in the weeks ahead are what will make the words believable.", ct);
                return await step.NextAsync(null, ct);
            case ApologyHearingData hearing:
                SaveHearing(journey, hearing);
                step.Data.Offered = hearing.Offered;
                step.Data.FeltSincere = hearing.FeltSincere;
                await step.SendAsync(HearingReply(hearing), ct);
                break;
        }
        await step.SendAsync(RoleText.Pick(journey.Profile.Role,
            hurt: "To close this step: an apology is a beginning, not a finish line. What matters most is whether the words are matched by actions over time.",
            repairing: "To close this step: an apology is a beginning, not a finish line. Your actions in the weeks ahead are what will make the words believable."), ct);
        return await step.NextAsync(null, ct);
    }

    private static void SaveHearing(JourneySession journey, ApologyHearingData hearing)
    {
        if (hearing.Needs is { } needs)
            PrivateJournal.Write(journey, 4, NeedsTopic, needs);
        if (hearing.Offered is { } offered)
        {
            var text = hearing.FeltSincere is { } sincere ? $"Offered: {offered}. Felt sincere: {sincere}." : $"Offered: {offered}.";
            PrivateJournal.Write(journey, 4, OfferedTopic, text);
        }
    }

    private static string HearingReply(ApologyHearingData hearing) => (hearing.Offered, hearing.FeltSincere) switch
    {
        ("no", _) or (null, _) => "Thank you. You can't make an apology happen, and you don't owe anyone forgiveness. Knowing what you need to hear is worth holding on to.",
        (_, "yes") => "It matters that it felt sincere. Let yourself notice whether the actions that follow keep matching it.",
        (_, "not-really") => "It's okay that it didn't land. You're allowed to say what was missing; what you wrote above can help you put it into words.",
        _ => "Mixed feelings about an apology are very normal. Time, and whether actions follow, often make it clearer.",
    };

    /// <summary>The checker's findings as one message: each part present or missing, then any phrases flagged.</summary>
    public static string Feedback(ApologyCheck check)
    {
        var text = new StringBuilder("Here's what I notice in your draft:\n");
        foreach (var element in ApologyChecker.Elements)
        {
            text.Append('\n').Append(check.Present.Contains(element)
                ? $"✓ {ApologyChecker.Describe(element)}"
                : $"○ {ApologyChecker.Describe(element)}: {ApologyChecker.Hint(element)}");
        }
        foreach (var flag in check.Flags)
            text.Append("\n⚠ \"").Append(flag.Phrase).Append("\": ").Append(flag.Why);
        if (check.IsComplete) text.Append("\n\nAll four parts are there, and nothing undercuts them.");
        return text.ToString();
    }
}
