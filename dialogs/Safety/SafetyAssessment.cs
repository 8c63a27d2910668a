namespace TrustBot.Safety;

/// <summary>The outcome of checking one message for signs of danger.</summary>
/// <param name="Category">The most urgent category found, or <see cref="SafetyCategory.None"/>.</param>
/// <param name="Rule">The name of the rule that decided it (never message text), for diagnostics and tests; null when none matched.</param>
public readonly record struct SafetyAssessment(SafetyCategory Category, string? Rule)
{
    /// <summary>No sign of danger.</summary>
    public static SafetyAssessment None => default;

    /// <summary>True when the flow must stop for this turn and the safety message be shown.</summary>
    public bool IsCrisis => Category != SafetyCategory.None;
}
