using TrustBot.Dialogs;

namespace TrustBot.Journey;

/// <summary>Every top-level flow of the journey, in one dialog set.</summary>
public static class JourneyDialogs
{
    public static DialogSet Create()
    {
        var set = new DialogSet()
            .Add(new OnboardingDialog())
            .Add(new MenuDialog())
            .Add(new RemindersDialog())
            .Add(new PauseRemindersDialog())
            .Add(new StartOverDialog())
            .Add(new DeleteDataDialog())
            .Add(new StepPickerDialog());
        set.Add(new SpaceDialog());
        set.Add(new WorkOnYourselfDialog());
        set.Add(new SmallWinsDialog());
        set.Add(new PatienceDialog());
        set.Add(new WinsDialog());
        set.Add(new CheckInDialog());
        return set;
    }
}
