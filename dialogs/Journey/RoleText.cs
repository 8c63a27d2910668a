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

    /// <summary>The same choice for anything worded per role (e.g. a prompt built once per role).</summary>
    public static T Pick<T>(PartnerRole role, T hurt, T repairing, T both) where T : class => role switch
    {
        PartnerRole.Repairing => repairing,
        PartnerRole.Both or PartnerRole.Unknown => both,
        _ => hurt,
    };

    /// <summary>The reading pointer of step 6, matched to what broke the trust.</summary>
    public static string ReadingTip(BreachKind kind) => kind switch
    {
        BreachKind.Infidelity => "books by couples therapists on trust and on recovering after infidelity can give words to what you're going through.",
        BreachKind.Dishonesty => "books by couples therapists on honesty, and on rebuilding trust after lies and secrets, can give words to what you're going through.",
        BreachKind.Misunderstandings => "books by couples therapists on communication, listening and working through conflict can give words to what you're going through.",
        _ => "books by couples therapists on trust, attachment and communication can give words to what you're going through.",
    };
}
