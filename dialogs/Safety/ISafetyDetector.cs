namespace TrustBot.Safety;

/// <summary>Checks a message for signs of danger. Runs first on every turn, so implementations must be fast,
/// allocation-light, free of I/O and must never throw.</summary>
public interface ISafetyDetector
{
    /// <summary>Assesses one message. Null, empty or very long text is fine; the result is never an exception.</summary>
    SafetyAssessment Assess(string? text) => Assess(text, SafetyScrutiny.Normal);

    /// <summary>Assesses one message, more closely when <paramref name="scrutiny"/> is heightened (after a crisis message).</summary>
    SafetyAssessment Assess(string? text, SafetyScrutiny scrutiny);
}
