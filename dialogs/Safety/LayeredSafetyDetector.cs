namespace TrustBot.Safety;

/// <summary>The meaning layer's thresholds on <see cref="MeaningScores.Danger"/>, for one level of scrutiny.</summary>
/// <param name="Possible">At or above this, the gentle "are you safe?" check.</param>
/// <param name="Clear">At or above this, the full safety message at once.</param>
public readonly record struct MeaningThresholds(float Possible, float Clear);

/// <summary>
/// The safety check in layers: the precise phrase rules first, then, behind a cheap lexical gate, the meaning layer.
/// A phrase rule means clear danger. The meaning layer alone means clear danger at high confidence, or at medium
/// confidence when the message names a means, a plan or a weapon; at medium confidence otherwise it means possible
/// danger. After a crisis message (heightened scrutiny) its thresholds are lower.
/// </summary>
/// <remarks>While the model is loading, or if it failed, only the phrase rules answer: the check never waits.</remarks>
public sealed class LayeredSafetyDetector(IMeaningClassifier meaning) : ISafetyDetector
{
    /// <summary>Thresholds on ordinary turns, frozen from the development set (see safety/README.md).</summary>
    public static readonly MeaningThresholds Normal = new(Possible: 0.30f, Clear: 0.90f);

    /// <summary>Thresholds in safety mode: a softer sign is still acted on.</summary>
    public static readonly MeaningThresholds Heightened = new(Possible: 0.15f, Clear: 0.70f);

    // Longer messages are judged on their beginning: the model reads at most a few hundred word pieces anyway.
    internal const int MaxMeaningChars = 1_000;
    private const int PhraseWindow = 16 * 1024;

    private readonly PhraseSafetyDetector _phrase = new();

    /// <summary>The meaning layer's state, for health reporting.</summary>
    public MeaningStatus MeaningStatus => meaning.Status;

    /// <inheritdoc />
    public SafetyAssessment Assess(string? text, SafetyScrutiny scrutiny)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return SafetyAssessment.None;
        }

        string normalized;
        if (text.Length <= PhraseWindow)
        {
            normalized = SafetyText.Normalize(text);
            var phrase = PhraseSafetyDetector.AssessNormalized(normalized);
            if (phrase.IsCrisis)
            {
                return phrase;
            }

            if (normalized.Length > MaxMeaningChars)
            {
                normalized = normalized[..MaxMeaningChars];
            }
        }
        else
        {
            var phrase = _phrase.Assess(text, scrutiny);
            if (phrase.IsCrisis)
            {
                return phrase;
            }

            normalized = SafetyText.Normalize(text.AsSpan(0, MaxMeaningChars));
        }

        return AssessMeaning(normalized, scrutiny);
    }

    /// <summary>The gate and the meaning layer alone, on canonical text (the evaluation measures this layer by itself).</summary>
    internal SafetyAssessment AssessMeaning(string normalized, SafetyScrutiny scrutiny)
    {
        var gate = SafetyGate.Check(normalized);
        if (!gate.Open || !meaning.TryScore(normalized, out var scores))
        {
            return SafetyAssessment.None;
        }

        return Decide(scores, gate, scrutiny == SafetyScrutiny.Heightened ? Heightened : Normal);
    }

    /// <summary>The graded decision on the meaning layer's scores.</summary>
    internal static SafetyAssessment Decide(MeaningScores scores, GateResult gate, MeaningThresholds thresholds)
    {
        var danger = scores.Danger;
        if (danger >= thresholds.Clear)
        {
            return new SafetyAssessment(scores.Category, "meaning.clear", SafetyLevel.Clear);
        }

        if (danger >= thresholds.Possible)
        {
            return gate.Urgent
                ? new SafetyAssessment(scores.Category, "meaning.means-or-weapon", SafetyLevel.Clear)
                : new SafetyAssessment(scores.Category, "meaning.possible", SafetyLevel.Possible);
        }

        return SafetyAssessment.None;
    }
}
