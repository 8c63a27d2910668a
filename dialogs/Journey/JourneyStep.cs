using TrustBot.Dialogs;

namespace TrustBot.Journey;

/// <summary>
/// What every step dialog declares about itself: its number and title. <see cref="JourneySteps"/> is built
/// from the registered step dialogs, so nothing else lists the steps.
/// </summary>
internal abstract class JourneyStep(string id, int number, string title) : ComponentDialog(id)
{
    /// <summary>The step's place in the journey, from 1.</summary>
    public int Number { get; } = number;

    /// <summary>The step's title, as the menu, the step list and progress show it.</summary>
    public string Title { get; } = title;

    /// <summary>Texts the step shows only to one role (examples, options), for the wording audit.</summary>
    public virtual IReadOnlyList<(PartnerRole Role, string Text)> RoleSpecificTexts => [];
}
