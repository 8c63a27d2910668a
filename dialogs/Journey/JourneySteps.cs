using System.Globalization;

namespace TrustBot.Journey;

/// <summary>
/// The journey's steps, in order, as their dialogs declare them (<see cref="JourneyStep.Number"/>,
/// <see cref="JourneyStep.Title"/>, dialog id). The count, the titles, the ids and "what comes next" are
/// asked of this registry and nowhere else, so adding a step is its dialog, one line in
/// <see cref="JourneyDialogs.StandardSteps"/> and its tests.
/// </summary>
internal sealed class JourneySteps
{
    private static readonly string[] Words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    private readonly JourneyStep[] _steps;

    /// <summary>Builds the registry; the steps must be numbered 1, 2, 3… with no gap and no repeat.</summary>
    public JourneySteps(IEnumerable<JourneyStep> steps)
    {
        _steps = [.. steps.OrderBy(s => s.Number)];
        if (_steps.Length == 0) throw new ArgumentException("A journey needs at least one step.", nameof(steps));
        for (var i = 0; i < _steps.Length; i++)
        {
            // A gap or a repeat would make "step n" open the wrong flow and "n of N" lie, so it stops the bot at start.
            if (_steps[i].Number != i + 1)
                throw new ArgumentException($"Steps must be numbered 1 to {_steps.Length} with no gap or repeat; {_steps[i].Id} says {_steps[i].Number}.", nameof(steps));
        }
    }

    /// <summary>The journey every person takes: the steps registered in <see cref="JourneyDialogs.StandardSteps"/>.</summary>
    public static JourneySteps Standard { get; } = new(JourneyDialogs.StandardSteps());

    /// <summary>The steps, step 1 first.</summary>
    public IReadOnlyList<JourneyStep> All => _steps;

    public int Count => _steps.Length;

    /// <summary>Every text a step shows only to one role, with that role.</summary>
    public IEnumerable<(PartnerRole Role, string Text)> RoleSpecificTexts => _steps.SelectMany(s => s.RoleSpecificTexts);

    /// <summary>The count as a word ("eight"), for sentences.</summary>
    public string CountInWords => Count < Words.Length ? Words[Count] : Count.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when <paramref name="number"/> names a step.</summary>
    public bool Contains(int number) => number >= 1 && number <= _steps.Length;

    public string Title(int number) => _steps[number - 1].Title;

    public string DialogId(int number) => _steps[number - 1].Id;

    /// <summary>"Step 2: Open communication".</summary>
    public string Label(int number) => $"Step {number}: {Title(number)}";

    /// <summary>The number of the step whose dialog is <paramref name="dialogId"/>, so one step can point to another without knowing its place.</summary>
    public int NumberOf(string dialogId) =>
        _steps.FirstOrDefault(s => s.Id == dialogId)?.Number ?? throw new ArgumentException($"No step has the dialog id {dialogId}.", nameof(dialogId));

    /// <summary>True when the person has marked the step with dialog <paramref name="dialogId"/> done.</summary>
    public bool IsDone(JourneyProfile profile, string dialogId) => profile.StepsDone.Contains(NumberOf(dialogId));

    /// <summary>The first step the person has not marked done, or null when every step is done.</summary>
    public int? NextStep(JourneyProfile profile)
    {
        // A loop rather than LINQ: this runs on most turns, and the lambda's closure would allocate each time.
        foreach (var step in _steps)
        {
            if (!profile.StepsDone.Contains(step.Number))
            {
                return step.Number;
            }
        }

        return null;
    }

    /// <summary>"3 of 8".</summary>
    public string DoneOutOf(JourneyProfile profile) => string.Create(CultureInfo.InvariantCulture, $"{DoneCount(profile)} of {Count}");

    /// <summary>How many of this journey's steps the person has marked done (a step since removed does not count).</summary>
    public int DoneCount(JourneyProfile profile) => profile.StepsDone.Count(Contains);

    public bool AllDone(JourneyProfile profile) => DoneCount(profile) == Count;
}
