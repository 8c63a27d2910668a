namespace TrustBot.Safety;

/// <summary>Where the meaning layer stands. Until it is <see cref="Ready"/> only the phrase rules run.</summary>
public enum MeaningStatus
{
    /// <summary>The model is being loaded in the background.</summary>
    Loading = 0,

    /// <summary>The model answers.</summary>
    Ready = 1,

    /// <summary>The model could not be loaded (missing or broken); the phrase rules carry on alone.</summary>
    Failed = 2,

    /// <summary>The meaning layer is switched off by configuration.</summary>
    Off = 3,
}

/// <summary>How likely a message is to mean each kind of danger, as judged by the meaning layer. The four
/// probabilities (none and the three categories) add up to one.</summary>
public readonly record struct MeaningScores(float None, float SelfHarm, float Violence, float FearForSafety)
{
    /// <summary>The probability that the message signals any danger.</summary>
    public float Danger => 1f - None;

    /// <summary>The most likely kind of danger (never <see cref="SafetyCategory.None"/>).</summary>
    public SafetyCategory Category =>
        SelfHarm >= Violence && SelfHarm >= FearForSafety ? SafetyCategory.SelfHarm
        : Violence >= FearForSafety ? SafetyCategory.Violence
        : SafetyCategory.FearForSafety;
}

/// <summary>Judges what a message means, beyond its exact phrases (sentence embeddings and a small classifier).
/// Implementations are loaded once and shared; they must be thread-safe and never throw from <see cref="TryScore"/>.</summary>
public interface IMeaningClassifier
{
    /// <summary>Whether the model is ready, still loading, failed or off.</summary>
    MeaningStatus Status { get; }

    /// <summary>Scores text already in <see cref="SafetyText"/> canonical form. False (and no scores) when the model
    /// is not ready or the text could not be scored.</summary>
    bool TryScore(string normalizedText, out MeaningScores scores);
}
