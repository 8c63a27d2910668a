using System.Diagnostics;
using System.Globalization;
using TrustBot.Safety;
using TrustBot.Safety.Meaning;

// The meaning layer's workbench: train the weights, measure every layer on a labelled set, or sweep thresholds.
//   train    <weights.json> <train.tsv>...            writes the weights (deterministic)
//   evaluate <file.tsv> [--weights w.json] [--heightened] [--details]
//   sweep    <file.tsv> [--weights w.json]             danger thresholds vs recall and ordinary rates (development only)
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: train <weights.json> <train.tsv>... | evaluate <file.tsv> [--weights w.json] [--heightened] [--details] | sweep <file.tsv> [--weights w.json]");
    return 2;
}

// The frozen training settings (chosen on the development set).
var trainingOptions = new MeaningTrainer.Options(L2: 1e-4f, WordBuckets: 1024);
var watch = Stopwatch.StartNew();
using var encoder = new MiniLmEncoder();
Console.Error.WriteLine($"model loaded in {watch.ElapsedMilliseconds} ms");

switch (args[0])
{
    case "train":
    {
        var files = args.Skip(2).ToArray();
        var set = files.SelectMany(LabelledSet.Read).ToList();
        var classifier = new BatchedClassifier(texts => encoder.Encode(texts, CancellationToken.None), Empty());
        classifier.Prepare(set.Select(m => m.Text));
        var embeddings = set.Select(m => classifier.Embedding(m.Text)).ToList();
        var labels = set.Select(m => LabelledSet.ClassIndex(m.Expected)).ToList();
        var options = trainingOptions;
        var trainedOn = string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(", ", files.Select(Path.GetFileName))}: {set.Count} messages ({labels.Count(l => l == 0)} ordinary); softmax regression on MiniLM embeddings and {options.WordBuckets} hashed word features, L2 {options.L2}, rate {options.LearningRate}, {options.Epochs} epochs, crisis weight {options.CrisisWeight}");
        var model = MeaningTrainer.Train(embeddings, [.. set.Select(m => BatchedClassifier.Canonical(m.Text))], labels, options, trainedOn);
        using (var output = File.Create(args[1])) model.Write(output);
        Console.WriteLine($"wrote {args[1]}: {trainedOn}");
        return 0;
    }

    case "evaluate":
    {
        var set = LabelledSet.Read(args[1]);
        var classifier = Prepared(set);
        var scrutiny = args.Contains("--heightened") ? SafetyScrutiny.Heightened : SafetyScrutiny.Normal;
        var layers = SafetyEvaluation.Measure(set, classifier, scrutiny);
        Console.WriteLine(SafetyEvaluation.Report($"{Path.GetFileName(args[1])}: {set.Count} messages, scrutiny {scrutiny}", layers, args.Contains("--details")));
        return 0;
    }

    case "sweep":
    {
        var set = LabelledSet.Read(args[1]);
        var classifier = Prepared(set);
        var scored = set.Select(m =>
        {
            var canonical = BatchedClassifier.Canonical(m.Text);
            var gate = SafetyGate.Check(canonical);
            var phrase = new PhraseSafetyDetector().Assess(m.Text);
            classifier.TryScore(canonical, out var s);
            return (m, gate, phrase, danger: gate.Open ? s.Danger : 0f);
        }).ToList();
        Console.WriteLine("| threshold | meaning alone: crisis recall | ordinary flagged | combined: crisis acted | ordinary flagged (phrase or meaning) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var t in new[] { 0.2f, 0.25f, 0.3f, 0.35f, 0.4f, 0.45f, 0.5f, 0.55f, 0.6f, 0.65f, 0.7f, 0.75f, 0.8f, 0.85f, 0.9f, 0.95f })
        {
            var crisis = scored.Where(x => x.m.Expected != SafetyCategory.None).ToList();
            var ordinary = scored.Where(x => x.m.Expected == SafetyCategory.None).ToList();
            double Share<T>(List<T> xs, Func<T, bool> f) => xs.Count == 0 ? 0 : xs.Count(f) / (double)xs.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {t:0.00} | {Share(crisis, x => x.danger >= t):0.000} | {Share(ordinary, x => x.danger >= t):0.000} | {Share(crisis, x => x.phrase.IsCrisis || x.danger >= t):0.000} | {Share(ordinary, x => x.phrase.IsCrisis || x.danger >= t):0.000} |"));
        }

        return 0;
    }

    case "experiment":
    {
        // experiment <dev.tsv> <train.tsv>...: LR and k-nearest-neighbour scores side by side (development only).
        var dev = LabelledSet.Read(args[1]);
        var train = args.Skip(2).SelectMany(LabelledSet.Read).ToList();
        var classifier = new BatchedClassifier(texts => encoder.Encode(texts, CancellationToken.None), Empty());
        classifier.Prepare(train.Select(m => m.Text).Concat(dev.Select(m => m.Text)));
        var trainX = train.Select(m => classifier.Embedding(m.Text)).ToList();
        var trainY = train.Select(m => LabelledSet.ClassIndex(m.Expected)).ToList();
        var trainT = train.Select(m => BatchedClassifier.Canonical(m.Text)).ToList();
        foreach (var opt in new[] { new MeaningTrainer.Options(L2: 1e-4f), new MeaningTrainer.Options(L2: 1e-4f, WordBuckets: 1024), new MeaningTrainer.Options(L2: 3e-4f, WordBuckets: 2048), new MeaningTrainer.Options(L2: 1e-3f, WordBuckets: 2048) })
        {
            var model = MeaningTrainer.Train(trainX, trainT, trainY, opt, "");
            var rows = dev.Select(m =>
            {
                var x = classifier.Embedding(m.Text);
                var lr = model.Score(x, BatchedClassifier.Canonical(m.Text)).Danger;
                var sims = trainX.Select((t, i) => (sim: Dot(t, x), y: trainY[i])).OrderByDescending(s => s.sim).Take(7).ToList();
                var knn = sims.Count(s => s.y != 0) / 7f;
                var gate = SafetyGate.Check(BatchedClassifier.Canonical(m.Text)).Open;
                var phrase = new PhraseSafetyDetector().Assess(m.Text).IsCrisis;
                return (m, lr, knn, gate, phrase);
            }).ToList();
            Console.WriteLine($"{opt}: gate closed on {rows.Count(r => r.m.Expected != SafetyCategory.None && !r.gate)} crisis, open on {rows.Count(r => r.m.Expected == SafetyCategory.None && r.gate)} of {rows.Count(r => r.m.Expected == SafetyCategory.None)} ordinary");
            foreach (var (name, f) in new (string, Func<(LabelledMessage m, float lr, float knn, bool gate, bool phrase), float>)[] { ("lr", r => r.lr), ("knn7", r => r.knn), ("avg", r => (r.lr + r.knn) / 2), ("min", r => Math.Min(r.lr, r.knn)) })
            {
                var line = new System.Text.StringBuilder(name + ":");
                foreach (var t in new[] { 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f })
                {
                    var crisis = rows.Where(r => r.m.Expected != SafetyCategory.None).ToList();
                    var ordinary = rows.Where(r => r.m.Expected == SafetyCategory.None).ToList();
                    var rc = crisis.Count(r => r.phrase || (r.gate && f(r) >= t)) / (double)crisis.Count;
                    var fo = ordinary.Count(r => !r.phrase && r.gate && f(r) >= t) / (double)ordinary.Count;
                    line.Append(string.Create(CultureInfo.InvariantCulture, $"  {t:0.0}: {rc:0.00}/{fo:0.00}"));
                }

                Console.WriteLine(line);
            }
        }

        return 0;
    }

    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

BatchedClassifier Prepared(List<LabelledMessage> set)
{
    var at = Array.IndexOf(args, "--weights");
    MeaningModel model;
    if (at > 0)
    {
        using var stream = File.OpenRead(args[at + 1]);
        model = MeaningModel.Read(stream);
    }
    else
    {
        model = MeaningModel.LoadEmbedded() ?? throw new InvalidOperationException("no embedded weights; pass --weights");
    }

    var classifier = new BatchedClassifier(texts => encoder.Encode(texts, CancellationToken.None), model);
    var encode = Stopwatch.StartNew();
    classifier.Prepare(set.Select(m => m.Text));
    Console.Error.WriteLine($"encoded {set.Count} messages in {encode.ElapsedMilliseconds} ms");
    return classifier;
}

static float Dot(float[] a, float[] b) { var s = 0f; for (var i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }

static MeaningModel Empty() => new() { Dimensions = 384, Weights = [new float[384], new float[384], new float[384], new float[384]], Bias = new float[4] };
