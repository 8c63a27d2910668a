using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>
/// The menu. Its buttons are the global commands, so whatever is chosen is acted on before the
/// menu sees it; the menu only has to re-ask when the answer is something else.
/// </summary>
public sealed class MenuDialog : ComponentDialog
{
    private const string MenuPrompt = "menu.choice";

    /// <summary>Creates the menu.</summary>
    public MenuDialog() : base(nameof(MenuDialog))
    {
        AddDialog(new ChoicePrompt(MenuPrompt));
    }

    /// <summary>The menu's options for this person.</summary>
    public static List<Choice> Choices(JourneyProfile profile) =>
    [
        new Choice { Value = "continue", Title = profile.NextStep is { } n ? $"Continue my journey: {JourneySteps.Label(n)}" : "Continue my journey: review" },
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
        var profile = dc.Context.Journey().Profile;
        var intro = options as string ?? "What would you like to do?";
        return base.BeginDialogAsync(dc, new PromptOptions
        {
            Prompt = Activity.CreateMessage(intro),
            RetryPrompt = Activity.CreateMessage("Pick one of these, or type help to see everything I can do."),
            Choices = Choices(profile),
            MaxRetries = int.MaxValue,
        }, cancellationToken);
    }
}
