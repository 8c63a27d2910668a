using TrustBot.Dialogs;
using TrustBot.Journey.Steps;

namespace TrustBot.Journey;

/// <summary>Every top-level flow of the journey, in one dialog set.</summary>
internal static class JourneyDialogs
{
    /// <summary>The journey's steps, one line each; <see cref="JourneySteps"/> numbers, titles and opens them from here.</summary>
    public static IReadOnlyList<JourneyStep> StandardSteps() =>
    [
        new AcknowledgeDamageDialog(),
        new OpenCommunicationDialog(),
        new BoundariesDialog(),
        new ApologyDialog(),
        new SpaceDialog(),
        new WorkOnYourselfDialog(),
        new SmallWinsDialog(),
        new PatienceDialog(),
    ];

    /// <summary>Creates the set: the main dialog that chooses what starts next, onboarding, menu, settings and privacy flows, the journey's steps, check-in and wins.</summary>
    public static DialogSet Create(JourneySteps steps)
    {
        var set = new DialogSet()
            .Add(new MainDialog())
            .Add(new OnboardingDialog())
            .Add(new MenuDialog())
            .Add(new RemindersDialog())
            .Add(new SettingsDialog())
            .Add(new PauseRemindersDialog())
            .Add(new StartOverDialog())
            .Add(new DeleteDataDialog())
            .Add(new StepPickerDialog())
            .Add(new BoundariesReviewDialog())
            .Add(new WinsDialog())
            .Add(new CheckInDialog())
            .Add(new SafetyCheckDialog());
        foreach (var step in steps.All) set.Add(step);
        return set;
    }
}
