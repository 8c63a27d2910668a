using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TrustBot.Safety.Meaning;

/// <summary>The trained classifier: a multinomial logistic regression to the four classes (none, self-harm, violence,
/// fear) from a sentence embedding joined with hashed word and word-pair counts of the canonical text. The embedding
/// carries the meaning; the words let the model learn what the embedding blurs ("lol", "my mum will", "he said").
/// Written by <c>safety/train.sh</c>, embedded in the assembly as a resource.</summary>
internal sealed class MeaningModel
{
    /// <summary>The classes in the order of <see cref="Weights"/> rows.</summary>
    public static readonly string[] Classes = ["none", "selfharm", "violence", "fear"];

    /// <summary>Length of the embeddings the model was trained on.</summary>
    public required int Dimensions { get; init; }

    /// <summary>Number of hashed word features after the embedding (0: embedding only).</summary>
    public int WordBuckets { get; init; }

    /// <summary>One row of <see cref="Dimensions"/> weights per class.</summary>
    public required float[][] Weights { get; init; }

    /// <summary>One bias per class.</summary>
    public required float[] Bias { get; init; }

    /// <summary>How many nearest training messages vote beside the regression (0: the regression alone).</summary>
    public int Neighbours { get; init; }

    /// <summary>The training messages' embeddings, each scaled to signed bytes (serialised as base64).</summary>
    public byte[][]? NeighbourVectors { get; init; }

    /// <summary>Per training message, the factor that turns its bytes back into the embedding.</summary>
    public float[]? NeighbourScales { get; init; }

    /// <summary>Per training message, whether it is a crisis message.</summary>
    public bool[]? NeighbourCrisis { get; init; }

    /// <summary>How it was trained (files, message counts, regularisation), so that a reader can reproduce it.</summary>
    public string? TrainedOn { get; init; }

    /// <summary>The class probabilities for one message, from its embedding and its canonical text: the regression's,
    /// with its danger averaged with the share of crisis messages among the nearest training messages. The regression
    /// generalises from words; the neighbours keep a message close to known ordinary talk ("my mum will kill me if i
    /// am late") from being called danger on one word alone.</summary>
    public MeaningScores Score(float[] embedding, string normalizedText)
    {
        var regression = Score(Features(embedding, normalizedText, WordBuckets));
        if (Neighbours == 0 || NeighbourVectors is null || NeighbourScales is null || NeighbourCrisis is null)
        {
            return regression;
        }

        var danger = (regression.Danger + NeighbourVote(embedding)) / 2;
        var share = Math.Max(1e-6f, regression.Danger);
        return new MeaningScores(
            1 - danger, regression.SelfHarm / share * danger, regression.Violence / share * danger, regression.FearForSafety / share * danger);
    }

    // The share of crisis messages among the Neighbours training messages most similar (cosine) to the embedding.
    private float NeighbourVote(float[] embedding)
    {
        var k = Neighbours;
        Span<float> bestSimilarity = stackalloc float[k];
        Span<bool> bestCrisis = stackalloc bool[k];
        bestSimilarity.Fill(float.NegativeInfinity);
        var rows = NeighbourRows();
        for (var n = 0; n < rows.Length; n++)
        {
            var similarity = Dot(rows[n], embedding) * NeighbourScales![n];
            if (similarity <= bestSimilarity[k - 1])
            {
                continue;
            }

            var at = k - 1;
            while (at > 0 && bestSimilarity[at - 1] < similarity)
            {
                bestSimilarity[at] = bestSimilarity[at - 1];
                bestCrisis[at] = bestCrisis[at - 1];
                at--;
            }

            bestSimilarity[at] = similarity;
            bestCrisis[at] = NeighbourCrisis![n];
        }

        var crisis = 0;
        foreach (var c in bestCrisis)
        {
            crisis += c ? 1 : 0;
        }

        return crisis / (float)k;
    }

    private float[][]? _neighbourRows;

    // The signed bytes widened to floats once (exactly: they are small integers), so that every vote is a vectorised
    // dot product: thousands of neighbours are compared for each message the gate lets through, and for each of its
    // sentences. A race only builds the same rows twice.
    private float[][] NeighbourRows() => _neighbourRows ??= [.. NeighbourVectors!.Select(row => row.Select(b => (float)(sbyte)b).ToArray())];

    private static float Dot(ReadOnlySpan<float> left, ReadOnlySpan<float> right)
    {
        var sums = Vector<float>.Zero;
        var i = 0;
        for (; i <= left.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sums += new Vector<float>(left[i..]) * new Vector<float>(right[i..]);
        }

        var sum = Vector.Sum(sums);
        for (; i < left.Length; i++)
        {
            sum += left[i] * right[i];
        }

        return sum;
    }

    /// <summary>The embeddings as signed bytes with one scale each (an eighth of the size of the floats in JSON).</summary>
    public static (byte[][] Vectors, float[] Scales) Quantize(IReadOnlyList<float[]> embeddings)
    {
        var vectors = new byte[embeddings.Count][];
        var scales = new float[embeddings.Count];
        for (var n = 0; n < embeddings.Count; n++)
        {
            var e = embeddings[n];
            var max = Math.Max(1e-6f, e.Max(MathF.Abs));
            vectors[n] = [.. e.Select(v => (byte)(sbyte)Math.Round(v / max * 127))];
            scales[n] = max / 127;
        }

        return (vectors, scales);
    }

    /// <summary>The class probabilities for one feature vector (see <see cref="Features"/>).</summary>
    public MeaningScores Score(ReadOnlySpan<float> features)
    {
        Span<float> logits = stackalloc float[4];
        for (var c = 0; c < 4; c++)
        {
            var row = Weights[c];
            var sum = Bias[c];
            for (var i = 0; i < features.Length; i++)
            {
                sum += row[i] * features[i];
            }

            logits[c] = sum;
        }

        var max = Math.Max(Math.Max(logits[0], logits[1]), Math.Max(logits[2], logits[3]));
        var total = 0f;
        for (var c = 0; c < 4; c++)
        {
            logits[c] = MathF.Exp(logits[c] - max);
            total += logits[c];
        }

        return new MeaningScores(logits[0] / total, logits[1] / total, logits[2] / total, logits[3] / total);
    }

    /// <summary>The embedding followed by <paramref name="buckets"/> hashed counts of words and word pairs, scaled so
    /// that the word part has unit length like the embedding.</summary>
    public static float[] Features(float[] embedding, string normalizedText, int buckets)
    {
        if (buckets == 0)
        {
            return embedding;
        }

        var features = new float[embedding.Length + buckets];
        embedding.CopyTo(features, 0);
        var words = normalizedText.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var previous = "^";
        foreach (var word in words)
        {
            features[embedding.Length + Bucket(word, buckets)] += 1f;
            features[embedding.Length + Bucket(previous + " " + word, buckets)] += 1f;
            previous = word;
        }

        var norm = 0f;
        for (var i = embedding.Length; i < features.Length; i++) norm += features[i] * features[i];
        if (norm > 0)
        {
            var scale = 1f / MathF.Sqrt(norm);
            for (var i = embedding.Length; i < features.Length; i++) features[i] *= scale;
        }

        return features;
    }

    // FNV-1a: stable across processes and platforms, unlike string.GetHashCode.
    private static int Bucket(string token, int buckets)
    {
        var hash = 2166136261u;
        foreach (var c in token)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)buckets);
    }

    /// <summary>The model embedded in this assembly, or null when it was built without one.</summary>
    public static MeaningModel? LoadEmbedded()
    {
        using var stream = typeof(MeaningModel).Assembly.GetManifestResourceStream("TrustBot.Safety.Meaning.weights.json");
        return stream is null ? null : Read(stream);
    }

    public static MeaningModel Read(Stream stream)
    {
        var model = JsonSerializer.Deserialize(stream, MeaningJson.Default.MeaningModel)
            ?? throw new InvalidDataException("The meaning model file is empty.");
        if (model.Weights.Length != 4 || model.Bias.Length != 4 || model.Weights.Any(w => w.Length != model.Dimensions + model.WordBuckets)
            || (model.Neighbours > 0 && (model.NeighbourVectors is null || model.NeighbourScales?.Length != model.NeighbourVectors.Length
                || model.NeighbourCrisis?.Length != model.NeighbourVectors.Length || model.NeighbourVectors.Length < model.Neighbours
                || model.NeighbourVectors.Any(v => v.Length != model.Dimensions))))
        {
            throw new InvalidDataException("The meaning model file does not have 4 classes of the stated dimensions.");
        }

        return model;
    }

    public void Write(Stream stream) => JsonSerializer.Serialize(stream, this, MeaningJson.Default.MeaningModel);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(MeaningModel))]
internal sealed partial class MeaningJson : JsonSerializerContext;
