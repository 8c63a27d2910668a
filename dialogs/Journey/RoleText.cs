namespace TrustBot.Journey;

/// <summary>Picks wording for the person's role.</summary>
internal static class RoleText
{
    /// <summary>
    /// The text for the role; "both" falls back to the hurt partner's wording when not given. A role left open
    /// gets the "both" wording, the one that assumes least about the person.
    /// </summary>
    public static string Pick(PartnerRole role, string hurt, string repairing, string? both = null) => role switch
    {
        PartnerRole.Repairing => repairing,
        PartnerRole.Both or PartnerRole.Unknown => both ?? hurt,
        _ => hurt,
    };

    // Examples and options written for one role only. Each is listed in Specific, and the wording audit
    // test walks every step for every role and fails when a role is shown another role's text.

    public const string HurtStatementExample = "\"I feel uneasy when plans change at the last minute because it brings back the not-knowing.\"";
    public const string RepairingStatementExample = "\"I feel ashamed when we avoid talking about it because I want to face it with you.\"";
    public const string BothStatementExample = "\"I feel hopeful when we talk calmly because it shows me we can find our way through this.\"";

    public const string HurtBoundaryExample = "\"Deleting messages before I can see them.\"";
    public const string RepairingBoundaryExample = "\"Keeping it secret who I'm messaging.\"";
    public const string BothBoundaryExample = "\"Raising our voices when we disagree.\"";

    public const string HurtSpaceOpen = "I'll say when";
    public const string RepairingSpaceOpen = "They'll say when";
    public const string BothSpaceOpen = "We'll say when";

    public const string HurtPatternExample = "going quiet instead of saying what hurts, or checking up on your partner";
    public const string RepairingPatternExample = "hiding things when you feel ashamed, or getting defensive when asked questions";

    public const string HurtCommitmentExample = "\"tell my partner one thing I need instead of going quiet\"";
    public const string RepairingCommitmentExample = "\"pause and breathe before I answer when I feel defensive\"";
    public const string BothCommitmentExample = "\"take a short walk together before we talk about something hard\"";

    /// <summary>Every role-specific text and the role it belongs to.</summary>
    public static readonly IReadOnlyList<(PartnerRole Role, string Text)> Specific =
    [
        (PartnerRole.Hurt, HurtStatementExample), (PartnerRole.Repairing, RepairingStatementExample), (PartnerRole.Both, BothStatementExample),
        (PartnerRole.Hurt, HurtBoundaryExample), (PartnerRole.Repairing, RepairingBoundaryExample), (PartnerRole.Both, BothBoundaryExample),
        (PartnerRole.Hurt, HurtSpaceOpen), (PartnerRole.Repairing, RepairingSpaceOpen), (PartnerRole.Both, BothSpaceOpen),
        (PartnerRole.Hurt, HurtPatternExample), (PartnerRole.Repairing, RepairingPatternExample),
        (PartnerRole.Hurt, HurtCommitmentExample), (PartnerRole.Repairing, RepairingCommitmentExample), (PartnerRole.Both, BothCommitmentExample),
    ];

    /// <summary>The reading pointer of step 6, matched to what broke the trust.</summary>
    public static string ReadingTip(BreachKind kind) => kind switch
    {
        BreachKind.Infidelity => "books by couples therapists on trust and on recovering after infidelity can give words to what you're going through.",
        BreachKind.Dishonesty => "books by couples therapists on honesty, and on rebuilding trust after lies and secrets, can give words to what you're going through.",
        BreachKind.Misunderstandings => "books by couples therapists on communication, listening and working through conflict can give words to what you're going through.",
        _ => "books by couples therapists on trust, attachment and communication can give words to what you're going through.",
    };
}
