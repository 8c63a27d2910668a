namespace TrustBot.Safety;

/// <summary>The meaning layer's thresholds on <see cref="MeaningScores.Danger"/>, for one level of scrutiny.</summary>
/// <param name="Possible">At or above this, the gentle "are you safe?" check.</param>
/// <param name="Clear">At or above this, the full safety message at once.</param>
/// <param name="UrgentClear">At or above this, a message that names a means, a plan or a weapon gets the full message.</param>
/// <param name="PhraseDoubt">Below this for the whole message, the meaning layer reads a message a phrase rule matched as
/// plainly ordinary, and the rule's full message becomes the gentle check; 0 never doubts a rule.</param>
/// <param name="PhraseDoubtSentence">The same for each sentence of a longer message on its own: one sentence at or above
/// it keeps the rule's full message. Out of its message a sentence reads darker than it was written, so this may be
/// higher than <paramref name="PhraseDoubt"/>; 0 means the same.</param>
public readonly record struct MeaningThresholds(float Possible, float Clear, float UrgentClear, float PhraseDoubt = 0f, float PhraseDoubtSentence = 0f)
{
    /// <summary>The sentence threshold in effect.</summary>
    public float SentenceDoubt => PhraseDoubtSentence > 0f ? PhraseDoubtSentence : PhraseDoubt;
}

/// <summary>
/// The safety check in layers: the precise phrase rules first, then, behind a cheap lexical gate, the meaning layer.
/// A phrase rule means clear danger. The meaning layer alone means clear danger at high confidence, or at medium
/// confidence when the message names a means, a plan or a weapon; at medium confidence otherwise it means possible
/// danger. After a crisis message (heightened scrutiny) its thresholds are lower.
/// </summary>
/// <remarks>While the model is loading, or if it failed, only the phrase rules answer: the check never waits.</remarks>
public sealed class LayeredSafetyDetector(IMeaningClassifier meaning) : ISafetyDetector
{
    /// <summary>Thresholds on ordinary turns, chosen on out-of-fold scores of every labelled set (see safety/README.md).</summary>
    public static readonly MeaningThresholds Normal = new(Possible: 0.50f, Clear: 0.80f, UrgentClear: 0.40f, PhraseDoubt: 0.45f, PhraseDoubtSentence: 0.70f);

    /// <summary>Thresholds in safety mode: a softer sign is still acted on.</summary>
    public static readonly MeaningThresholds Heightened = new(Possible: 0.30f, Clear: 0.60f, UrgentClear: 0.30f);

    // Longer messages are judged on their beginning: the model reads at most a few hundred word pieces anyway.
    internal const int MaxMeaningChars = 1_000;
    private const int PhraseWindow = 16 * 1024;

    private readonly PhraseSafetyDetector _phrase = new();
    private readonly MeaningThresholds _normal = Normal;
    private readonly MeaningThresholds _heightened = Heightened;

    /// <summary>With other thresholds: the evaluation tool sweeps them on the development set.</summary>
    internal LayeredSafetyDetector(IMeaningClassifier meaning, MeaningThresholds normal, MeaningThresholds heightened)
        : this(meaning)
    {
        _normal = normal;
        _heightened = heightened;
    }

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
            // The meaning layer judges only what its gate lets through. A message the gate keeps out (most turns: "7",
            // "better", "skip") and no phrase rule matches is no danger whatever its context, so the phrase rules need
            // not look for a resolved past or a reported "no" in it: that only tells the meaning layer how to read it.
            var meaningText = MeaningText(normalized);
            var gate = SafetyGate.Check(meaningText);
            var phrase = PhraseSafetyDetector.AssessNormalized(normalized, readContext: gate.Open);
            if (phrase.IsCrisis)
            {
                return Doubted(phrase, meaningText, gate, scrutiny);
            }

            if (!gate.Open)
            {
                return SafetyAssessment.None;
            }

            if (normalized.Length > MaxMeaningChars)
            {
                normalized = normalized[..MaxMeaningChars];
            }

            // A phrase in a joke, a story, a resolved past or a reported "no": the meaning layer's verdict drops one
            // grade (clear danger becomes the gentle check, a possible one nothing), because the person has told us
            // how to read the words. After a crisis message the gentle check stays.
            if (phrase.Rule is not null && phrase.Rule.StartsWith(PhraseSafetyDetector.DiscountedPrefix, StringComparison.Ordinal))
            {
                var judged = AssessMeaning(meaningText, gate, scrutiny);
                return judged.Level switch
                {
                    SafetyLevel.Clear => judged with { Level = SafetyLevel.Possible, Rule = "meaning.possible" },
                    SafetyLevel.Possible when scrutiny == SafetyScrutiny.Normal => SafetyAssessment.None,
                    _ => judged,
                };
            }

            // A message marked as a joke or as someone else's words, with no phrase matched and no real cause or means
            // named ("my sister says she'll shoot me if i take him back , she is a vegan pacifist lol"): the meaning
            // layer may ask gently but not show the full message at once. Checked only on a clear verdict, so that
            // ordinary turns never pay for it.
            var verdict = AssessMeaning(meaningText, gate, scrutiny);
            return verdict.Rule == "meaning.clear" && phrase.Rule is null && scrutiny == SafetyScrutiny.Normal
                && PhraseSafetyDetector.IsToldLightly(normalized)
                ? verdict with { Level = SafetyLevel.Possible, Rule = "meaning.possible" }
                : verdict;
        }
        else
        {
            var phrase = _phrase.Assess(text, scrutiny);
            if (phrase.IsCrisis)
            {
                var longText = MeaningText(SafetyText.Normalize(text.AsSpan(0, MaxMeaningChars)));
                return Doubted(phrase, longText, SafetyGate.Check(longText), scrutiny);
            }

            normalized = SafetyText.Normalize(text.AsSpan(0, MaxMeaningChars));
        }

        return AssessMeaning(normalized, scrutiny);
    }

    // The phrase rules are precise on the wordings they were written from and less so on new wordings of jokes,
    // negations and stories, above all a danger that is over ("he did a programme, nothing since in 3 years"): when the
    // meaning layer reads the whole message as ordinary and no sentence of it as clearly dangerous on its own, the
    // rule's full message becomes the gentle check, which still asks. A rule is never silenced, only softened. Never
    // in safety mode, and never while the model is unavailable.
    // Takes the text in the meaning layer's form (MeaningText) and its gate's result, which the caller already has.
    private SafetyAssessment Doubted(SafetyAssessment phrase, string meaningText, GateResult gate, SafetyScrutiny scrutiny)
    {
        var thresholds = scrutiny == SafetyScrutiny.Heightened ? _heightened : _normal;
        var doubt = thresholds.PhraseDoubt;
        if (doubt <= 0f)
        {
            return phrase;
        }

        if (!gate.Open || !meaning.TryScore(meaningText, out var scores) || scores.Danger >= doubt)
        {
            return phrase;
        }

        foreach (var sentence in Sentences(meaningText))
        {
            if (meaning.TryScore(sentence, out var sentenceScores) && sentenceScores.Danger >= thresholds.SentenceDoubt)
            {
                return phrase;
            }
        }

        return phrase with { Level = SafetyLevel.Possible };
    }

    /// <summary>The gate and the meaning layer alone, on canonical text (the evaluation measures this layer by itself).</summary>
    internal SafetyAssessment AssessMeaning(string normalized, SafetyScrutiny scrutiny)
    {
        var meaningText = MeaningText(normalized);
        return AssessMeaning(meaningText, SafetyGate.Check(meaningText), scrutiny);
    }

    // The same, on text already in the meaning layer's form and its gate's result for it.
    private SafetyAssessment AssessMeaning(string normalized, GateResult gate, SafetyScrutiny scrutiny)
    {
        if (!gate.Open || !meaning.TryScore(normalized, out var scores))
        {
            return SafetyAssessment.None;
        }

        // A long message can hide one dangerous sentence among ordinary ones: each sentence is judged as well, and a
        // sentence that is clearly dangerous on its own counts. A sentence that is only worrying does not: out of its
        // message, an ordinary painful line ("i dont know if we will make it") reads darker than it was written.
        var thresholds = scrutiny == SafetyScrutiny.Heightened ? _heightened : _normal;
        foreach (var sentence in Sentences(normalized))
        {
            var sentenceGate = SafetyGate.Check(sentence);
            if (sentenceGate.Open && meaning.TryScore(sentence, out var sentenceScores) && sentenceScores.Danger > scores.Danger
                && sentenceScores.Danger >= thresholds.Clear)
            {
                scores = sentenceScores;
            }
        }

        return Decide(scores, gate, thresholds);
    }

    /// <summary>The text the model reads, from canonical text: its beginning (the model reads at most a few hundred word
    /// pieces anyway), with figures of speech in plain words, since the model should read what "this waiting is killing
    /// me" means, not its words. The training tool embeds the same text.</summary>
    internal static string MeaningText(string normalized) =>
        FiguresOfSpeech.ToLiteral(normalized.Length > MaxMeaningChars ? normalized[..MaxMeaningChars] : normalized);

    // The sentences of a message with more than one, each long enough to carry meaning on its own.
    internal static IEnumerable<string> Sentences(string normalized)
    {
        if (!normalized.Contains(" . ", StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var part in normalized.Split(" . ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var sentence = part.TrimEnd('.', ' ');
            if (sentence.Length > 0 && sentence.Length < normalized.Length - 3 && sentence.Count(c => c == ' ') >= 3)
            {
                yield return sentence;
            }
        }
    }

    /// <summary>The graded decision on the meaning layer's scores.</summary>
    internal static SafetyAssessment Decide(MeaningScores scores, GateResult gate, MeaningThresholds thresholds)
    {
        var danger = scores.Danger;
        if (danger >= thresholds.Clear)
        {
            return new SafetyAssessment(scores.Category, "meaning.clear", SafetyLevel.Clear);
        }

        if (gate.Urgent && danger >= thresholds.UrgentClear)
        {
            return new SafetyAssessment(scores.Category, "meaning.means-or-weapon", SafetyLevel.Clear);
        }

        if (danger >= thresholds.Possible)
        {
            return new SafetyAssessment(scores.Category, "meaning.possible", SafetyLevel.Possible);
        }

        return SafetyAssessment.None;
    }
}
