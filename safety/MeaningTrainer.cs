namespace TrustBot.Safety.Meaning;

/// <summary>
/// Trains <see cref="MeaningModel"/>: multinomial logistic regression with L2 regularisation, full-batch gradient
/// descent from zero weights, fixed epochs: the same data always gives the same weights.
/// </summary>
internal static class MeaningTrainer
{
    /// <param name="L2">Weight decay.</param>
    /// <param name="LearningRate">Step of the full-batch descent of the regression.</param>
    /// <param name="Epochs">Passes of the regression's descent.</param>
    /// <param name="CrisisWeight">How much more a crisis example weighs than an ordinary one.</param>
    /// <param name="WordBuckets">Hashed word and word-pair features after the embedding.</param>
    /// <param name="Neighbours">Nearest training messages that vote beside the classifier.</param>
    /// <param name="Hidden">Hidden units beside the regression (0: the regression alone), trained by <see cref="TrainHidden"/>.</param>
    /// <param name="HiddenEpochs">Passes over the data when there are hidden units.</param>
    public sealed record Options(float L2 = 1e-3f, float LearningRate = 2f, int Epochs = 3000, float CrisisWeight = 1.5f, int WordBuckets = 0, int Neighbours = 0, int Hidden = 0, int HiddenEpochs = 30);

    public static MeaningModel Train(IReadOnlyList<float[]> embeddings, IReadOnlyList<string> normalizedTexts, IReadOnlyList<int> labels, Options options, string trainedOn)
    {
        var features = embeddings.Select((e, i) => MeaningModel.Features(e, normalizedTexts[i], options.WordBuckets)).ToList();
        var model = options.Hidden > 0 ? TrainHidden(features, labels, options) : Train(features, labels, options);
        var (vectors, scales) = options.Neighbours > 0 ? MeaningModel.Quantize(embeddings) : (null, null);
        return new MeaningModel
        {
            Dimensions = embeddings[0].Length,
            WordBuckets = options.WordBuckets,
            Weights = model.Weights,
            Bias = model.Bias,
            Hidden = model.Hidden,
            HiddenBias = model.HiddenBias,
            Neighbours = options.Neighbours,
            NeighbourVectors = vectors,
            NeighbourScales = scales,
            NeighbourCrisis = options.Neighbours > 0 ? [.. labels.Select(l => l != 0)] : null,
            TrainedOn = trainedOn,
        };
    }

    private static (float[][] Weights, float[] Bias, float[][]? Hidden, float[]? HiddenBias) Train(IReadOnlyList<float[]> embeddings, IReadOnlyList<int> labels, Options options)
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

        return (weights, [.. b.Select(v => (float)Math.Round(v, 6))], null, null);
    }

    /// <summary>
    /// The regression with hidden units beside it: softmax over the features and the rectified hidden sums, weighted
    /// cross-entropy with L2, Adam on mini-batches of 32 in an order drawn from a fixed seed, single-threaded, so the same
    /// data gives the same weights. Hidden weights start small and random (fixed seed); the rest at zero.
    /// </summary>
    private static (float[][] Weights, float[] Bias, float[][]? Hidden, float[]? HiddenBias) TrainHidden(IReadOnlyList<float[]> features, IReadOnlyList<int> labels, Options options)
    {
        const int batch = 32;
        const float rate = 1e-3f, beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
        var n = features.Count;
        var d = features[0].Length;
        var hiddenCount = options.Hidden;
        var random = new Random(20261130);
        var scale = MathF.Sqrt(2f / d);

        // Parameters as one flat array: hidden rows (hiddenCount × d), hidden biases, output rows (4 × (d + hidden)),
        // output biases; the Adam moments alongside.
        var outWidth = d + hiddenCount;
        var hiddenAt = 0;
        var hiddenBiasAt = hiddenCount * d;
        var outAt = hiddenBiasAt + hiddenCount;
        var outBiasAt = outAt + 4 * outWidth;
        var total = outBiasAt + 4;
        var theta = new float[total];
        for (var i = 0; i < hiddenCount * d; i++) theta[i] = (float)(random.NextDouble() * 2 - 1) * scale;
        var m = new float[total];
        var v = new float[total];
        var grad = new float[total];
        var active = features.Select(x => Enumerable.Range(0, d).Where(i => x[i] != 0f).ToArray()).ToArray();
        var sampleWeight = labels.Select(l => l == 0 ? 1f : options.CrisisWeight).ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        var hidden = new float[hiddenCount];
        var p = new float[4];
        var dh = new float[hiddenCount];
        var step = 0;
        for (var epoch = 0; epoch < options.HiddenEpochs; epoch++)
        {
            random.Shuffle(order);
            for (var start = 0; start < n; start += batch)
            {
                Array.Clear(grad);
                var end = Math.Min(n, start + batch);
                var batchWeight = 0f;
                for (var at = start; at < end; at++)
                {
                    var s = order[at];
                    var x = features[s];
                    var indices = active[s];
                    for (var h = 0; h < hiddenCount; h++)
                    {
                        var row = hiddenAt + h * d;
                        var z = theta[hiddenBiasAt + h];
                        foreach (var i in indices) z += theta[row + i] * x[i];
                        hidden[h] = Math.Max(0f, z);
                    }

                    var max = float.NegativeInfinity;
                    for (var c = 0; c < 4; c++)
                    {
                        var row = outAt + c * outWidth;
                        var z = theta[outBiasAt + c];
                        foreach (var i in indices) z += theta[row + i] * x[i];
                        for (var h = 0; h < hiddenCount; h++) z += theta[row + d + h] * hidden[h];
                        p[c] = z;
                        max = Math.Max(max, z);
                    }

                    var sum = 0f;
                    for (var c = 0; c < 4; c++)
                    {
                        p[c] = MathF.Exp(p[c] - max);
                        sum += p[c];
                    }

                    var weight = sampleWeight[s];
                    batchWeight += weight;
                    Array.Clear(dh);
                    for (var c = 0; c < 4; c++)
                    {
                        var err = (p[c] / sum - (labels[s] == c ? 1f : 0f)) * weight;
                        var row = outAt + c * outWidth;
                        grad[outBiasAt + c] += err;
                        foreach (var i in indices) grad[row + i] += err * x[i];
                        for (var h = 0; h < hiddenCount; h++)
                        {
                            grad[row + d + h] += err * hidden[h];
                            dh[h] += err * theta[row + d + h];
                        }
                    }

                    for (var h = 0; h < hiddenCount; h++)
                    {
                        if (hidden[h] <= 0f)
                        {
                            continue;
                        }

                        var row = hiddenAt + h * d;
                        grad[hiddenBiasAt + h] += dh[h];
                        foreach (var i in indices) grad[row + i] += dh[h] * x[i];
                    }
                }

                step++;
                var correction1 = 1f - MathF.Pow(beta1, step);
                var correction2 = 1f - MathF.Pow(beta2, step);
                for (var i = 0; i < total; i++)
                {
                    var g = grad[i] / batchWeight + options.L2 * theta[i];
                    m[i] = beta1 * m[i] + (1 - beta1) * g;
                    v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                    theta[i] -= rate * (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + epsilon);
                }
            }
        }

        float Round(float value) => (float)Math.Round(value, 6);
        var hiddenRows = Enumerable.Range(0, hiddenCount).Select(h => theta.AsSpan(hiddenAt + h * d, d).ToArray().Select(Round).ToArray()).ToArray();
        var outRows = Enumerable.Range(0, 4).Select(c => theta.AsSpan(outAt + c * outWidth, outWidth).ToArray().Select(Round).ToArray()).ToArray();
        return (outRows, [.. theta.AsSpan(outBiasAt, 4).ToArray().Select(Round)], hiddenRows, [.. theta.AsSpan(hiddenBiasAt, hiddenCount).ToArray().Select(Round)]);
    }
}
