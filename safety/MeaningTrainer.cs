namespace TrustBot.Safety.Meaning;

/// <summary>
/// Trains <see cref="MeaningModel"/>: multinomial logistic regression with L2 regularisation, full-batch gradient
/// descent from zero weights, fixed epochs: the same data always gives the same weights.
/// </summary>
internal static class MeaningTrainer
{
    public sealed record Options(float L2 = 1e-3f, float LearningRate = 2f, int Epochs = 3000, float CrisisWeight = 1.5f, int WordBuckets = 0, int Neighbours = 0);

    public static MeaningModel Train(IReadOnlyList<float[]> embeddings, IReadOnlyList<string> normalizedTexts, IReadOnlyList<int> labels, Options options, string trainedOn)
    {
        var features = embeddings.Select((e, i) => MeaningModel.Features(e, normalizedTexts[i], options.WordBuckets)).ToList();
        var model = Train(features, labels, options);
        var (vectors, scales) = options.Neighbours > 0 ? MeaningModel.Quantize(embeddings) : (null, null);
        return new MeaningModel
        {
            Dimensions = embeddings[0].Length,
            WordBuckets = options.WordBuckets,
            Weights = model.Weights,
            Bias = model.Bias,
            Neighbours = options.Neighbours,
            NeighbourVectors = vectors,
            NeighbourScales = scales,
            NeighbourCrisis = options.Neighbours > 0 ? [.. labels.Select(l => l != 0)] : null,
            TrainedOn = trainedOn,
        };
    }

    private static (float[][] Weights, float[] Bias) Train(IReadOnlyList<float[]> embeddings, IReadOnlyList<int> labels, Options options)
    {
        var n = embeddings.Count;
        var d = embeddings[0].Length;
        var w = new double[4][];
        var gw = new double[4][];
        for (var c = 0; c < 4; c++)
        {
            w[c] = new double[d];
            gw[c] = new double[d];
        }

        var b = new double[4];
        var gb = new double[4];
        var p = new double[4];

        // Missing a crisis costs more than an unneeded question, so crisis examples weigh more.
        var sampleWeight = labels.Select(l => l == 0 ? 1.0 : options.CrisisWeight).ToArray();
        var totalWeight = sampleWeight.Sum();

        // The hashed word features are nearly all zero: each example keeps only its non-zero features. A zero feature
        // adds nothing to a sum or a gradient, so the weights are exactly those of the dense loop, several times faster.
        var active = embeddings.Select(x => Enumerable.Range(0, d).Where(i => x[i] != 0f).ToArray()).ToArray();

        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            foreach (var row in gw) Array.Clear(row);
            Array.Clear(gb);
            for (var s = 0; s < n; s++)
            {
                var x = embeddings[s];
                var indices = active[s];
                var max = double.NegativeInfinity;
                for (var c = 0; c < 4; c++)
                {
                    var wc = w[c];
                    var z = b[c];
                    foreach (var i in indices) z += wc[i] * x[i];
                    p[c] = z;
                    max = Math.Max(max, z);
                }

                var sum = 0.0;
                for (var c = 0; c < 4; c++)
                {
                    p[c] = Math.Exp(p[c] - max);
                    sum += p[c];
                }

                for (var c = 0; c < 4; c++)
                {
                    var err = (p[c] / sum - (labels[s] == c ? 1 : 0)) * sampleWeight[s];
                    gb[c] += err;
                    var gc = gw[c];
                    foreach (var i in indices) gc[i] += err * x[i];
                }
            }

            for (var c = 0; c < 4; c++)
            {
                b[c] -= options.LearningRate * gb[c] / totalWeight;
                var wc = w[c];
                var gc = gw[c];
                for (var i = 0; i < d; i++)
                {
                    wc[i] -= options.LearningRate * (gc[i] / totalWeight + options.L2 * wc[i]);
                }
            }
        }

        var weights = new float[4][];
        for (var c = 0; c < 4; c++)
        {
            weights[c] = new float[d];
            for (var i = 0; i < d; i++) weights[c][i] = (float)Math.Round(w[c][i], 6);
        }

        return (weights, [.. b.Select(v => (float)Math.Round(v, 6))]);
    }
}
