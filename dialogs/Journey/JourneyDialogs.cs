using TrustBot.Dialogs;
using TrustBot.Journey.Steps;

namespace TrustBot.Journey;

/// <summary>Every top-level flow of the journey, in one dialog set.</summary>
public static class JourneyDialogs
{
    /// <summary>Creates the set: the main dialog that chooses what starts next, onboarding, menu, settings and privacy flows, the eight steps, check-in and wins.</summary>
    public static DialogSet Create() => new DialogSet()
        .Add(new MainDialog())
        .Add(new OnboardingDialog())
        .Add(new MenuDialog())
        .Add(new RemindersDialog())
        .Add(new SettingsDialog())
        .Add(new PauseRemindersDialog())
        .Add(new StartOverDialog())
        .Add(new DeleteDataDialog())
        .Add(new StepPickerDialog())
        .Add(new AcknowledgeDamageDialog())
        .Add(new OpenCommunicationDialog())
        .Add(new BoundariesDialog())
        .Add(new BoundariesReviewDialog())
        .Add(new ApologyDialog())
        .Add(new SpaceDialog())
        .Add(new WorkOnYourselfDialog())
        .Add(new SmallWinsDialog())
        .Add(new PatienceDialog())
        .Add(new WinsDialog())
        .Add(new CheckInDialog())
        .Add(new SafetyCheckDialog());
}
