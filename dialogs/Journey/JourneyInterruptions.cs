using System.Text.RegularExpressions;
using TrustBot.Dialogs;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>
/// The global commands, acted on before the active dialog on every turn after consent. Commands
/// that only answer (help, progress, export, reminder switches) let the interrupted question
/// resume; commands that open a flow leave the current one.
/// </summary>
public sealed partial class JourneyInterruptions(IJourneyReports reports) : IInterruptionHandler
{
    /// <inheritdoc />
    public async Task<InterruptionResult> InterruptAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        if (turn.Activity.Type != Schema.ActivityTypes.Message) return InterruptionResult.Continue;
        var journey = turn.Journey();
        if (journey.Profile.Consented != true) return InterruptionResult.Continue;

        if (StepNumber().Match(Recognizers.Normalize(turn.Activity.Text)) is { Success: true } m)
        {
            await dc.CancelAllDialogsAsync(cancellationToken);
            await dc.BeginDialogAsync(JourneySteps.DialogId(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), null, cancellationToken);
            return InterruptionResult.Handled;
        }

        // "settings" and "change my name": the one hook for the settings flow (which parses the field itself).
        if (SettingsDialog.TryRecognize(turn.Activity.Text, out var field))
        {
            await dc.CancelAllDialogsAsync(cancellationToken);
            await dc.BeginDialogAsync(nameof(SettingsDialog), field, cancellationToken);
            return InterruptionResult.Handled;
        }

        switch (GlobalCommands.Recognize(turn.Activity.Text))
        {
            case GlobalCommand.None:
                return InterruptionResult.Continue;
            case GlobalCommand.Help:
                await turn.SendActivityAsync(HelpText.Text, cancellationToken);
                return await ResumeAsync(dc, cancellationToken);
            case GlobalCommand.Progress:
                await reports.SendProgressAsync(turn, cancellationToken);
                return await ResumeAsync(dc, cancellationToken);
            case GlobalCommand.ExportData:
                await reports.SendExportAsync(turn, cancellationToken);
                return await ResumeAsync(dc, cancellationToken);
            case GlobalCommand.ResumeReminders:
                journey.Profile.RemindersPausedUntil = null;
                await turn.SendActivityAsync(journey.Profile.Rhythm == CheckInRhythm.None
                    ? "Reminders are on again, but no rhythm is set yet. Type \"reminders\" to choose one."
                    : $"Reminders are back on: {RemindersDialog.Describe(journey.Profile.Rhythm, journey.Profile.ReminderTime, journey.Profile.TimeZone)}.", cancellationToken);
                return await ResumeAsync(dc, cancellationToken);
            case GlobalCommand.Stop:
                journey.Profile.ProactiveStopped = true;
                await turn.SendActivityAsync("Okay. I won't send you any messages on my own until you type \"start\". I'm still here whenever you write.", cancellationToken);
                return await ResumeAsync(dc, cancellationToken);
            case GlobalCommand.Start:
                journey.Profile.ProactiveStopped = false;
                await turn.SendActivityAsync("Welcome back. Reminders and encouragement are on again.", cancellationToken);
                return await ResumeAsync(dc, cancellationToken);
            case GlobalCommand.Menu:
                await dc.CancelAllDialogsAsync(cancellationToken);
                await dc.BeginDialogAsync(nameof(MenuDialog), null, cancellationToken);
                return InterruptionResult.Handled;
            case GlobalCommand.Cancel:
                await dc.CancelAllDialogsAsync(cancellationToken);
                await dc.BeginDialogAsync(nameof(MenuDialog), "Okay, I've set that aside. What would you like to do now?", cancellationToken);
                return InterruptionResult.Handled;
            case GlobalCommand.ContinueJourney:
                await dc.CancelAllDialogsAsync(cancellationToken);
                if (journey.Profile.NextStep is { } next)
                {
                    await dc.BeginDialogAsync(JourneySteps.DialogId(next), null, cancellationToken);
                }
                else
                {
                    await turn.SendActivityAsync("You've worked through all eight steps. You can revisit any of them, and checking in keeps the progress going.", cancellationToken);
                    await dc.BeginDialogAsync(nameof(StepPickerDialog), null, cancellationToken);
                }
                return InterruptionResult.Handled;
            case var command:
                await dc.CancelAllDialogsAsync(cancellationToken);
                await dc.BeginDialogAsync(FlowFor(command), null, cancellationToken);
                return InterruptionResult.Handled;
        }
    }

    /// <summary>The flow a command opens.</summary>
    public static string FlowFor(GlobalCommand command) => command switch
    {
        GlobalCommand.CheckIn => "CheckInDialog",
        GlobalCommand.Wins => "WinsDialog",
        GlobalCommand.Boundaries => "BoundariesReviewDialog",
        GlobalCommand.Reminders => nameof(RemindersDialog),
        GlobalCommand.PauseReminders => nameof(PauseRemindersDialog),
        GlobalCommand.StartOver => nameof(StartOverDialog),
        GlobalCommand.DeleteData => nameof(DeleteDataDialog),
        GlobalCommand.Steps => nameof(StepPickerDialog),
        _ => nameof(MenuDialog),
    };

    private static async Task<InterruptionResult> ResumeAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        await dc.RepromptDialogAsync(cancellationToken);
        return InterruptionResult.Handled;
    }

    [GeneratedRegex(@"^(?:open |go to )?step ([1-8])$")]
    private static partial Regex StepNumber();
}

/// <summary>The informational answers that need data beyond the dialogs: progress and data export.</summary>
public interface IJourneyReports
{
    /// <summary>Sends "My progress" (a card with a chart where the channel shows images, a text trend otherwise).</summary>
    Task SendProgressAsync(ITurnContext turnContext, CancellationToken cancellationToken);

    /// <summary>Sends everything stored about the person as a JSON file attachment.</summary>
    Task SendExportAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
