namespace TrustBot.Safety.Meaning;

/// <summary>
/// For evaluation and training only: embeds a whole labelled set in batches up front (much faster than one message
/// at a time) and then answers <see cref="TryScore"/> from those embeddings with the model given, so that a set
/// can be scored under several models or thresholds without encoding it again.
/// </summary>
internal sealed class BatchedClassifier(Func<string[], float[][]> encode, MeaningModel model) : IMeaningClassifier
{
    private readonly Dictionary<string, float[]> _embeddings = new(StringComparer.Ordinal);

    public MeaningModel Model { get; set; } = model;

    public MeaningStatus Status => MeaningStatus.Ready;

    /// <summary>Embeds the canonical form of every text (as the layered detector will ask for it).</summary>
    public void Prepare(IEnumerable<string> texts)
    {
        // The layered detector also scores each sentence of a longer message: embedding those in the same batches
        // saves encoding them one at a time later.
        var missing = texts.Select(Canonical).SelectMany(t => LayeredSafetyDetector.Sentences(t).Prepend(t))
            .Where(t => t.Length > 0 && !_embeddings.ContainsKey(t)).Distinct(StringComparer.Ordinal)
            // A batch is padded to its longest text, so batching texts of like length wastes far less of the encoder's
            // work than batching them in file order (a one-line message beside a long story).
            .OrderBy(t => t.Length).ToArray();
        const int Batch = 32;
        for (var i = 0; i < missing.Length; i += Batch)
        {
            var slice = missing.AsSpan(i, Math.Min(Batch, missing.Length - i)).ToArray();
            var vectors = encode(slice);
            for (var j = 0; j < slice.Length; j++) _embeddings[slice[j]] = vectors[j];
        }
    }

    public float[] Embedding(string text) => _embeddings[Canonical(text)];

    public bool TryScore(string normalizedText, out MeaningScores scores)
    {
        if (!_embeddings.TryGetValue(normalizedText, out var embedding))
        {
            embedding = encode([normalizedText])[0];
            _embeddings[normalizedText] = embedding;
        }

        scores = Model.Score(embedding, normalizedText);
        return true;
    }

    /// <summary>The text as <see cref="LayeredSafetyDetector"/> hands it to the meaning layer.</summary>
    public static string Canonical(string text) => LayeredSafetyDetector.MeaningText(SafetyText.Normalize(text));
}
