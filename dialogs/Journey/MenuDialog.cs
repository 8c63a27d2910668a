using System.Globalization;
using TrustBot.Journey.Steps;
using TrustBot.Turns;
using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>
/// The menu. Its buttons are the global commands, so whatever is chosen is acted on before the
/// menu sees it. Anything else people write here is acknowledged in one line and the menu is offered
/// again, with the step that fits what they wrote first when one does; never "pick one of these".
/// </summary>
internal sealed class MenuDialog : ComponentDialog
{
    private const string MenuPrompt = "menu.choice";

    /// <summary>Creates the menu.</summary>
    public MenuDialog() : base(nameof(MenuDialog))
    {
        AddDialog(new ChoicePrompt(MenuPrompt));
    }

    /// <summary>The menu's options for this person.</summary>
    public static List<Choice> Choices(JourneySession journey) =>
    [
        new Choice { Value = "continue", Title = journey.Steps.NextStep(journey.Profile) is { } n ? $"Continue my journey: {journey.Steps.Label(n)}" : "Continue my journey: review" },
        new Choice { Value = "check in", Title = "Check in" },
        new Choice { Value = "progress", Title = "My progress" },
        new Choice { Value = "wins", Title = "Small wins" },
        new Choice { Value = "boundaries", Title = "Boundaries" },
        new Choice { Value = "reminders", Title = "Reminders" },
        new Choice { Value = "settings", Title = "Settings" },
        new Choice { Value = "help", Title = "Help" },
    ];

    /// <inheritdoc />
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var journey = dc.Context.Journey();
        var suggested = options as SuggestedStep;
        var intro = suggested?.Intro ?? options as string ?? "What would you like to do?";
        var choices = Choices(journey);
        if (suggested is { Step: var step }) choices.Insert(0, new Choice { Value = $"step {step}", Title = $"Open {journey.Steps.Label(step)}" });
        return base.BeginDialogAsync(dc, new PromptOptions
        {
            Prompt = Activity.CreateMessage(intro),
            RetryPrompt = Activity.CreateMessage("Tap one of these, or type help to see everything I can do."),
            Choices = choices,
            MaxRetries = int.MaxValue,
        }, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var input = PromptInput.Of(dc.Context.Activity);
        if (dc.Context.Activity.Type == ActivityTypes.Message && input is not null && IsSomethingElse(input, dc))
        {
            var (acknowledgement, step) = Acknowledge(input, dc.Context.Journey().Steps);
            await dc.Context.SendActivityAsync(acknowledgement, cancellationToken);
            return await dc.ReplaceDialogAsync(Id, step is { } n
                ? new SuggestedStep(n, "You can open it now, or choose something else:")
                : "Here's what we can do together:", cancellationToken);
        }
        return await base.ContinueDialogAsync(dc, cancellationToken);
    }

    /// <summary>Not a menu option, not an aside the prompt answers itself (thanks, privacy...), not unclear between options.</summary>
    private static bool IsSomethingElse(string input, DialogContext dc)
    {
        if (Asides.Recognize(input) != Aside.None) return false;
        var choices = dc.ActivePromptOptions()?.Choices ?? Choices(dc.Context.Journey());
        var match = Recognizers.Match(input, choices);
        return match.Found is null && match.Ambiguous.Count == 0;
    }

    /// <summary>Words that point to the step that helps with what the person wrote, first match wins; {0} is "Step n", {1} its title.</summary>
    private static readonly (string StepId, string[] Words, string Line)[] Topics =
    [
        (nameof(OpenCommunicationDialog), ["talk", "talking", "conversation", "say", "tell", "discuss", "communicate", "communication", "listen", "argue", "argument", "fight", "fighting", "speak"],
            "That sounds like a conversation worth preparing for. {0}, {1}, helps you find your words and plan the talk."),
        (nameof(ApologyDialog), ["apologise", "apologize", "apology", "sorry", "forgive", "forgiveness", "responsibility"],
            "Thank you for sharing that. {0} is about apology and responsibility, and it can help with exactly this."),
        (nameof(SpaceDialog), ["space", "distance", "alone", "apart", "breathe", "room"],
            "Needing room is understandable. {0} is about giving each other space in a way that still builds trust."),
        (nameof(BoundariesDialog), ["boundary", "boundaries", "rule", "rules", "limit", "limits", "agreement", "agree"],
            "That sounds like something to agree on together. {0} helps you set clear boundaries."),
        (nameof(WorkOnYourselfDialog), ["therapy", "therapist", "counselling", "counseling", "counsellor", "myself", "habit", "pattern", "change"],
            "Working on yourself is part of this too. {0} is made for it."),
        (nameof(PatienceDialog), ["setback", "setbacks", "slow", "patience", "patient", "long", "stuck", "relapse", "hopeless"],
            "Rebuilding trust takes time, and setbacks are part of it. {0} is about staying patient and persistent."),
        (nameof(AcknowledgeDamageDialog), ["happened", "damage", "cheated", "lied", "affair", "betrayed", "betrayal"],
            "Thank you for telling me. {0} is a place to put what happened into words."),
    ];

    /// <summary>One line that shows the message was heard, and the step it points to, if any.</summary>
    private static (string Line, int? Step) Acknowledge(string input, JourneySteps steps)
    {
        var words = Recognizers.Tokens(input);
        foreach (var (stepId, topicWords, line) in Topics)
        {
            if (!steps.All.Any(s => s.Id == stepId) || !words.Any(w => topicWords.Any(t => Recognizers.SameWord(w, t)))) continue;
            var number = steps.NumberOf(stepId);
            return (string.Format(CultureInfo.InvariantCulture, line, $"Step {number}", steps.Title(number)), number);
        }
        if (Recognizers.TryConfirm(input, out var yes)) return (yes ? "Okay." : "That's fine, there's no rush.", null);
        if (words.Count <= 3) return ("I'm not sure I understood that.", null);
        return ("Thanks for telling me. I can't answer that directly, but I can help you work on it step by step.", null);
    }

    /// <summary>Menu options with a step offered first.</summary>
    private sealed record SuggestedStep(int Step, string Intro);
}
