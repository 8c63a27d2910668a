namespace TrustBot.Journey;

/// <summary>Picks wording for the person's role.</summary>
public static class RoleText
{
    /// <summary>The text for the role; "both" falls back to the hurt partner's wording when not given.</summary>
    public static string Pick(PartnerRole role, string hurt, string repairing, string? both = null) => role switch
    {
        PartnerRole.Repairing => repairing,
        PartnerRole.Both => both ?? hurt,
        _ => hurt,
    };

    /// <summary>"your partner" with the breach in mind, used in longer sentences.</summary>
    public static string Breach(BreachKind kind) => kind switch
    {
        BreachKind.Infidelity => "the affair",
        BreachKind.Dishonesty => "the dishonesty",
        BreachKind.Misunderstandings => "the misunderstandings",
        _ => "what happened",
    };
}

/// <summary>The eight steps of the journey.</summary>
public static class JourneySteps
{
    public static readonly IReadOnlyList<(int Number, string Title, string DialogId)> All =
    [
        (1, "Acknowledge the damage", "AcknowledgeDamageDialog"),
        (2, "Open communication", "OpenCommunicationDialog"),
        (3, "Set clear boundaries", "BoundariesDialog"),
        (4, "Apologise and accept responsibility", "ApologyDialog"),
        (5, "Give each other space", "SpaceDialog"),
        (6, "Work on yourself", "WorkOnYourselfDialog"),
        (7, "Celebrate small wins", "SmallWinsDialog"),
        (8, "Be patient and persistent", "PatienceDialog"),
    ];

    public static string Title(int step) => All[step - 1].Title;

    public static string DialogId(int step) => All[step - 1].DialogId;

    public static string Label(int step) => $"Step {step}: {Title(step)}";
}
