using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey.Steps;

/// <summary>What step 1 collects.</summary>
internal sealed class AcknowledgeDamageData
{
    /// <summary>True when a journal entry was written (the text itself goes straight to the records).</summary>
    public bool Wrote { get; set; }

    public int? Rating { get; set; }

    /// <summary>"yes", "me-only" or "not-sure".</summary>
    public string? Willingness { get; set; }
}

/// <summary>
/// Step 1, acknowledge the damage: why it matters, a private journal entry about what happened and
/// how it affected the person, a 1–10 rating of the damage, whether both are willing to work
/// through it, and the reminder that trust is not rebuilt overnight.
/// </summary>
internal sealed class AcknowledgeDamageDialog : JourneyStepDialog<AcknowledgeDamageData>
{
    /// <summary>The journal topic of the step's entry.</summary>
    public const string JournalTopic = "What happened and how it affected me";

    private const string JournalPrompt = "acknowledge.journal";
    private const string RatingPrompt = "acknowledge.rating";
    private const string WillingPrompt = "acknowledge.willing";
    private const int MaxJournalLength = 4000;

    /// <summary>Creates step 1.</summary>
    public AcknowledgeDamageDialog() : base(nameof(AcknowledgeDamageDialog), 1, "Acknowledge the damage", StepsJson.Default.AcknowledgeDamageData)
    {
        AddSteps(AskWhatHappenedStepAsync, AskDamageRatingStepAsync, AskWillingnessStepAsync, CloseStepAsync);
        AddDialog(new TextPrompt(JournalPrompt, NonAnswers.KeepQuestionOpen(PrivateJournal.Earlier(1, JournalTopic))));
        AddDialog(new NumberPrompt<int>(RatingPrompt));
        AddDialog(new ChoicePrompt(WillingPrompt));
    }

    private static async Task<DialogTurnResult> AskWhatHappenedStepAsync(WaterfallStepContext<AcknowledgeDamageData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        await step.SendAsync(RoleText.Pick(profile.Role,
            hurt: "Step 1 is about naming the damage honestly. Healing starts with seeing clearly what happened and what it cost you, without playing it down.",
            repairing: "Step 1 is about facing the damage honestly. Repair starts when you look squarely at what you did and what it cost your partner, without softening it.",
            both: "Step 1 is about naming the damage honestly, together. Healing starts when you both see clearly what happened and what it cost each of you."), ct);
        var ask = RoleText.Pick(profile.Role,
            hurt: "In your own words, write what happened and how it affected you.",
            repairing: "In your own words, write what you did and how it affected your partner.",
            both: "In your own words, write what happened between you and how it affected each of you.");
        var earlier = await PrivateJournal.Earlier(1, JournalTopic, 1)(step.Context.Journey(), ct);
        if (earlier.Count > 0) await step.SendAsync(NonAnswers.ShowEarlier(earlier, ""), ct);
        return await step.PromptAsync(JournalPrompt, PromptOptions.Ask(
            $"{ask} This goes into your private journal: only you can see it. (If you'd rather not write it down today, type skip.)",
            $"Write as much or as little as you like, up to {MaxJournalLength} characters, or type skip.").Between(1, MaxJournalLength), ct);
    }

    private static async Task<DialogTurnResult> AskDamageRatingStepAsync(WaterfallStepContext<AcknowledgeDamageData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Result is string text && NonAnswers.IsContent(text))
        {
            PrivateJournal.Write(journey, 1, JournalTopic, text);
            step.Data.Wrote = true;
            await step.SendAsync("Thank you for putting that into words. It's saved in your private journal.", ct);
        }
        else
        {
            await step.SendAsync("That's okay. You can come back and write it whenever you're ready.", ct);
        }
        return await step.PromptAsync(RatingPrompt, PromptOptions.Ask(
                "On a scale from 1 to 10, how much damage do you feel this has done to your relationship? 1 is a small crack, 10 is as deep as it gets.",
                "Please answer with a whole number from 1 to 10.")
            .Between(1, 10)
            .GiveUpAfter(2, "Let's leave the number for now; it's not the important part."), ct);
    }

    private static async Task<DialogTurnResult> AskWillingnessStepAsync(WaterfallStepContext<AcknowledgeDamageData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Result is int rating)
        {
            step.Data.Rating = rating;
            journey.Profile.DamageRating = rating;
            await step.SendAsync(RatingReply(rating), ct);
        }
        return await step.PromptAsync(WillingPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Are you both willing to work through this?"),
            RetryPrompt = Activity.CreateMessage("Pick the one closest to how things stand: \"Yes\", \"I am, not sure about my partner\" or \"Not sure\"."),
            Choices =
            [
                new Choice { Value = "yes", Title = "Yes", Synonyms = ["we are", "both", "yes we are", "y"] },
                new Choice { Value = "me-only", Title = "I am, not sure about my partner", Synonyms = ["i am", "just me", "only me", "me"] },
                new Choice { Value = "not-sure", Title = "Not sure", Synonyms = ["unsure", "don't know", "i don't know", "maybe", "no"] },
            ],
        }, ct);
    }

    private static async Task<DialogTurnResult> CloseStepAsync(WaterfallStepContext<AcknowledgeDamageData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        if (step.Result is FoundChoice choice)
        {
            step.Data.Willingness = choice.Value;
            profile.Willingness = choice.Value;
            await step.SendAsync(choice.Value switch
            {
                "yes" => "That shared willingness is the ground everything else is built on.",
                "me-only" => "Your own willingness counts for a lot. You can only answer for yourself, and that's where every step starts.",
                _ => "Not being sure is an honest answer. You can take these steps to find out what you want, at your own pace.",
            }, ct);
        }
        await step.SendAsync("One last thought for this step: trust isn't rebuilt overnight. It comes back slowly, through many small moments, and that's normal.", ct);
        return await step.NextAsync(null, ct);
    }

    private static string RatingReply(int rating) => rating switch
    {
        >= 8 => "That's a heavy weight to carry. Naming it is already a brave first step.",
        >= 4 => "Thank you for being honest about it. That middle ground often holds a lot of mixed feelings.",
        _ => "Thank you. Even damage that feels smaller deserves care, so it doesn't grow.",
    };
}
