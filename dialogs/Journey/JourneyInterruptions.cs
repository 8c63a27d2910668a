using TrustBot.Dialogs;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>
/// The global commands, acted on before the active dialog on every turn after consent. Commands
/// that only answer (help, progress, export, reminder switches) let the interrupted question
/// resume; commands that open a flow leave the current one. When the message is one of the open
/// question's own options ("continue" at "mark as done or stay?", "cancel" at "start over?"), the
/// question gets it, not the command.
/// </summary>
internal sealed class JourneyInterruptions(IJourneyReports reports) : IInterruptionHandler
{
    /// <inheritdoc />
    public async Task<InterruptionResult> InterruptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        if (turn.Activity.Type != Schema.ActivityTypes.Message) return InterruptionResult.Continue;
        var journey = turn.Journey();
        if (journey.Profile.Consented != true) return InterruptionResult.Continue;
        var input = PromptInput.Of(turn.Activity);
        if (input is null || IsAnswerToOpenQuestion(dc, input)) return InterruptionResult.Continue;

        // "settings" and "change my reminder time" name one answer to change: read before the menu's looser matching
        // would take "reminder time" for the Reminders option.
        var setUp = journey.Profile.OnboardingDone;
        if (setUp && SettingsDialog.TryRecognize(input, out var field))
        {
            await dc.CancelAllDialogsAsync(cancellationToken);
            await dc.BeginDialogAsync(nameof(SettingsDialog), field, cancellationToken);
            return InterruptionResult.Handled;
        }

        var command = GlobalCommands.Recognize(input);
        var isStep = Recognizers.TryStepNumber(input, out var stepNumber);
        if (command == GlobalCommand.None && !isStep && PickedMenuOption(dc, input) is { } picked)
        {
            command = GlobalCommands.Recognize(picked);
            isStep = Recognizers.TryStepNumber(picked, out stepNumber);
        }

        if (isStep)
        {
            return setUp ? await OpenStepAsync(dc, stepNumber, cancellationToken) : await FinishSetUpFirstAsync(dc, cancellationToken);
        }

        if (command == GlobalCommand.None) return InterruptionResult.Continue;
        if (!setUp && NeedsProfile(command)) return await FinishSetUpFirstAsync(dc, cancellationToken);
        if (await TryAnswerAsync(turn, command, cancellationToken)) return await ResumeAsync(dc, cancellationToken);
        return await OpenFlowAsync(dc, command, setUp, cancellationToken);
    }

    /// <summary>The menu's options are commands: the value of the one picked in other words ("my wins list"), to be
    /// acted on as its command; null when the menu is not open or no option is named.</summary>
    private static string? PickedMenuOption(DialogContext dc, string input) =>
        IsMenuOpen(dc) && dc.ActivePromptOptions() is { Choices: { Count: > 0 } menu }
            ? Recognizers.Match(input, menu).Found?.Value
            : null;

    /// <summary>The commands that only answer (help, progress, export, reminder switches); the interrupted question
    /// resumes after them. False for a command that opens a flow.</summary>
    private async Task<bool> TryAnswerAsync(ITurnContext turn, GlobalCommand command, CancellationToken cancellationToken)
    {
        var profile = turn.Journey().Profile;
        switch (command)
        {
            case GlobalCommand.Help:
                await turn.SendActivityAsync(HelpText.Text, cancellationToken);
                return true;
            case GlobalCommand.Progress:
                await reports.SendProgressAsync(turn, cancellationToken);
                return true;
            case GlobalCommand.ExportData:
                await reports.SendExportAsync(turn, cancellationToken);
                return true;
            case GlobalCommand.ResumeReminders:
                profile.RemindersPausedUntil = null;
                await turn.SendActivityAsync(profile.Rhythm == CheckInRhythm.None
                    ? "Reminders are on again, but no rhythm is set yet. Type \"reminders\" to choose one."
                    : $"Reminders are back on: {RemindersDialog.Describe(profile.Rhythm, profile.ReminderTime, profile.TimeZone)}.", cancellationToken);
                return true;
            case GlobalCommand.Stop:
                profile.ProactiveStopped = true;
                await turn.SendActivityAsync("Okay. I won't send you any messages on my own until you type \"start\". I'm still here whenever you write.", cancellationToken);
                return true;
            case GlobalCommand.Start:
                profile.ProactiveStopped = false;
                await turn.SendActivityAsync("Welcome back. Reminders and encouragement are on again.", cancellationToken);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The commands that leave the current flow: the menu, cancel, the next step, or the command's own flow.</summary>
    private static async Task<InterruptionResult> OpenFlowAsync(DialogContext dc, GlobalCommand command, bool setUp, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case GlobalCommand.Cancel:
                return await CancelAsync(dc, setUp, cancellationToken);
            case GlobalCommand.ContinueJourney:
                return await ContinueJourneyAsync(dc, cancellationToken);
            default:
                await dc.CancelAllDialogsAsync(cancellationToken);
                await dc.BeginDialogAsync(FlowFor(command), null, cancellationToken);
                return InterruptionResult.Handled;
        }
    }

    /// <summary>"step 3": opens that step, or lists the steps when there is no such step.</summary>
    private static async Task<InterruptionResult> OpenStepAsync(DialogContext dc, int stepNumber, CancellationToken cancellationToken)
    {
        var steps = dc.Context.Journey().Steps;
        await dc.CancelAllDialogsAsync(cancellationToken);
        if (steps.Contains(stepNumber))
        {
            await dc.BeginDialogAsync(steps.DialogId(stepNumber), null, cancellationToken);
            return InterruptionResult.Handled;
        }
        await dc.Context.SendActivityAsync($"There are {steps.CountInWords} steps, numbered 1 to {steps.Count}.", cancellationToken);
        await dc.BeginDialogAsync(nameof(StepPickerDialog), null, cancellationToken);
        return InterruptionResult.Handled;
    }

    /// <summary>"Continue my journey": opens the first step not yet done, or lists the steps when all are done.</summary>
    private static async Task<InterruptionResult> ContinueJourneyAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var journey = dc.Context.Journey();
        await dc.CancelAllDialogsAsync(cancellationToken);
        if (journey.Steps.NextStep(journey.Profile) is { } next)
        {
            await dc.BeginDialogAsync(journey.Steps.DialogId(next), null, cancellationToken);
            return InterruptionResult.Handled;
        }
        await dc.Context.SendActivityAsync($"You've worked through all {journey.Steps.CountInWords} steps. You can revisit any of them, and checking in keeps the progress going.", cancellationToken);
        await dc.BeginDialogAsync(nameof(StepPickerDialog), null, cancellationToken);
        return InterruptionResult.Handled;
    }

    /// <summary>The flow a command opens.</summary>
    public static string FlowFor(GlobalCommand command) => command switch
    {
        GlobalCommand.CheckIn => nameof(CheckInDialog),
        GlobalCommand.Wins => nameof(WinsDialog),
        GlobalCommand.Boundaries => nameof(Steps.BoundariesReviewDialog),
        GlobalCommand.Reminders => nameof(RemindersDialog),
        GlobalCommand.PauseReminders => nameof(PauseRemindersDialog),
        GlobalCommand.StartOver => nameof(StartOverDialog),
        GlobalCommand.DeleteData => nameof(DeleteDataDialog),
        GlobalCommand.Steps => nameof(StepPickerDialog),
        GlobalCommand.Settings => nameof(SettingsDialog),
        _ => nameof(MenuDialog),
    };

    /// <summary>What the bot says when onboarding is picked up again after it was left.</summary>
    public const string ResumeSetUpText = "Let's finish setting things up first. It only takes a minute, and it lets me fit each step to you.";

    /// <summary>
    /// True when an open dialog declares the message its own answer (<see cref="IOwnsAnswers"/>), or it is one of
    /// the open question's own options, said exactly (or loosely, when it is not a command said exactly). The menu
    /// is the exception: its options are the commands.
    /// </summary>
    private static bool IsAnswerToOpenQuestion(DialogContext dc, string input)
    {
        if (OpenDialogOwns(dc, input)) return true;
        if (dc.ActivePromptOptions() is not { Choices: { Count: > 0 } choices }) return false;
        if (IsMenuOpen(dc)) return false;
        var match = Recognizers.Match(input, choices);
        if (match.Found is null) return false;
        return match.Exact || GlobalCommands.RecognizeStrict(input) == GlobalCommand.None;
    }

    /// <summary>
    /// True when an open dialog, outermost first, declares <paramref name="input"/> its own answer. Walked by hand rather
    /// than with LINQ over <see cref="DialogContext.OpenDialogs"/>: every message asks, and the iterators and closure were
    /// allocations on each turn.
    /// </summary>
    private static bool OpenDialogOwns(DialogContext dc, string input)
    {
        for (var level = dc; level.ActiveDialog is { } active && level.FindDialog(active.Id) is { } dialog;)
        {
            if (dialog is IOwnsAnswers owner && owner.OwnsAnswer(dc, input)) return true;
            if (dialog is not ComponentDialog component) break;
            level = component.CreateInnerContext(level, active);
        }
        return false;
    }

    /// <summary>The menu is the outermost open dialog (the first id of <see cref="DialogContext.ActiveDialogPath"/>, without building the path).</summary>
    private static bool IsMenuOpen(DialogContext dc) => dc.ActiveDialog?.Id == nameof(MenuDialog);

    /// <summary>Flows that need the person's role and rhythm, which onboarding collects.</summary>
    private static bool NeedsProfile(GlobalCommand command) => command is GlobalCommand.Menu or GlobalCommand.ContinueJourney or GlobalCommand.Steps
        or GlobalCommand.CheckIn or GlobalCommand.Wins or GlobalCommand.Boundaries or GlobalCommand.Reminders or GlobalCommand.PauseReminders or GlobalCommand.Settings;

    private static async Task<InterruptionResult> FinishSetUpFirstAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialogPath() is [nameof(OnboardingDialog), ..])
        {
            await dc.Context.SendActivityAsync(ResumeSetUpText, cancellationToken);
            return await ResumeAsync(dc, cancellationToken);
        }
        await dc.CancelAllDialogsAsync(cancellationToken);
        await dc.Context.SendActivityAsync(ResumeSetUpText, cancellationToken);
        await dc.BeginDialogAsync(nameof(OnboardingDialog), new OnboardingData { Restart = true }, cancellationToken);
        return InterruptionResult.Handled;
    }

    private static async Task<InterruptionResult> CancelAsync(DialogContext dc, bool setUp, CancellationToken cancellationToken)
    {
        var path = dc.ActiveDialogPath();
        await dc.CancelAllDialogsAsync(cancellationToken);
        if (!setUp)
        {
            // Nothing is stored until onboarding ends; the next message picks it up again (TrustBotHandler).
            await dc.Context.SendActivityAsync("Okay, let's pause the set-up here. Whenever you're ready, write anything and we'll finish it.", cancellationToken);
            return InterruptionResult.Handled;
        }
        var intro = path is [] or [nameof(MenuDialog), ..]
            ? "There's nothing to cancel right now. What would you like to do?"
            : "Okay, I've set that aside. What would you like to do now?";
        await dc.BeginDialogAsync(nameof(MenuDialog), intro, cancellationToken);
        return InterruptionResult.Handled;
    }

    private static async Task<InterruptionResult> ResumeAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        await dc.RepromptDialogAsync(cancellationToken);
        return InterruptionResult.Handled;
    }
}

/// <summary>The informational answers that need data beyond the dialogs: progress and data export.</summary>
internal interface IJourneyReports
{
    /// <summary>Sends "My progress" (a card with a chart where the channel shows images, a text trend otherwise).</summary>
    Task SendProgressAsync(ITurnContext turnContext, CancellationToken cancellationToken);

    /// <summary>Sends everything stored about the person as a JSON file attachment.</summary>
    Task SendExportAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
