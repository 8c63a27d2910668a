namespace TrustBot.Safety;

/// <summary>How sure the detectors are that a message signals danger; decides how the bot responds.</summary>
public enum SafetyLevel
{
    /// <summary>No sign of danger.</summary>
    None = 0,

    /// <summary>Possible danger (for example the meaning layer alone, at medium confidence): the bot asks gently
    /// whether the person is safe before showing the full safety message.</summary>
    Possible = 1,

    /// <summary>Clear danger (a phrase rule, or high confidence): the full safety message at once.</summary>
    Clear = 2,
}

/// <summary>How closely a message is read. After a crisis message the bot reads every message more closely,
/// so that a softer sign is still acted on.</summary>
public enum SafetyScrutiny
{
    /// <summary>An ordinary turn.</summary>
    Normal = 0,

    /// <summary>The person is in safety mode: lower thresholds apply.</summary>
    Heightened = 1,
}

/// <summary>The outcome of checking one message for signs of danger.</summary>
/// <param name="Category">The most urgent category found, or <see cref="SafetyCategory.None"/>.</param>
/// <param name="Rule">The name of the rule or layer that decided it (never message text), for diagnostics and tests; null when none matched.</param>
/// <param name="Level">How sure the detectors are; <see cref="SafetyLevel.Clear"/> unless a detector says otherwise.</param>
public readonly record struct SafetyAssessment(SafetyCategory Category, string? Rule, SafetyLevel Level = SafetyLevel.Clear)
{
    /// <summary>No sign of danger.</summary>
    public static SafetyAssessment None => default;

    /// <summary>True when the message signals danger at any level.</summary>
    public bool IsCrisis => Category != SafetyCategory.None && Level != SafetyLevel.None;

    /// <summary>True when the full safety message is due at once.</summary>
    public bool IsClear => IsCrisis && Level == SafetyLevel.Clear;
}
