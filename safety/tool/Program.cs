using System.Diagnostics;
using System.Globalization;
using TrustBot.Safety;
using TrustBot.Safety.Meaning;

// The meaning layer's workbench: train the weights, measure every layer on a labelled set, or sweep thresholds.
//   train    <weights.json> <train.tsv>...            writes the weights (deterministic)
//   evaluate <file.tsv> [--weights w.json] [--heightened] [--details]
//   sweep    <file.tsv> [--weights w.json]             danger thresholds vs recall and ordinary rates (development only)
//   crossval <k> <file.tsv>...                         k-fold out-of-fold figures and threshold grid (safety/crossval.sh)
//   dump     <file.tsv>                                what each layer said about each message
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: train <weights.json> <train.tsv>... | evaluate <file.tsv> [--weights w.json] [--heightened] [--details] | sweep <file.tsv> [--weights w.json] | crossval <k> <file.tsv>... | dump <file.tsv>");
    return 2;
}

// The frozen training settings (chosen on the development set).
var trainingOptions = new MeaningTrainer.Options(L2: 1e-4f, WordBuckets: 1024, Neighbours: 5);
var watch = Stopwatch.StartNew();
using var encoder = new MiniLmEncoder();
Console.Error.WriteLine($"model loaded in {watch.ElapsedMilliseconds} ms");

// Encoding thousands of messages takes minutes on a busy machine; TRUSTBOT_EMBEDDING_CACHE names a file that keeps
// each text's embedding between runs (the encoder is deterministic, so a cached vector is the vector).
var cache = new EmbeddingCache(texts => encoder.Encode(texts, CancellationToken.None), Environment.GetEnvironmentVariable("TRUSTBOT_EMBEDDING_CACHE"));

switch (args[0])
{
    case "train":
    {
        var files = args.Skip(2).ToArray();
        var set = files.SelectMany(LabelledSet.Read).ToList();
        var classifier = new BatchedClassifier(cache.Encode, Empty());
        classifier.Prepare(set.Select(m => m.Text));
        var embeddings = set.Select(m => classifier.Embedding(m.Text)).ToList();
        var labels = set.Select(m => LabelledSet.ClassIndex(m.Expected)).ToList();
        var options = trainingOptions;
        var trainedOn = string.Create(CultureInfo.InvariantCulture,
            $"{string.Join(", ", files.Select(Path.GetFileName))}: {set.Count} messages ({labels.Count(l => l == 0)} ordinary); softmax regression on MiniLM embeddings and {options.WordBuckets} hashed word features, L2 {options.L2}, rate {options.LearningRate}, {options.Epochs} epochs, crisis weight {options.CrisisWeight}; danger averaged with a {options.Neighbours}-nearest-neighbour vote");
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
        // The combination under a grid of thresholds (possible, clear, clear for means/plans/weapons): development only.
        var set = LabelledSet.Read(args[1]);
        var classifier = Prepared(set);
        var heightened = args.Contains("--heightened");
        Console.WriteLine("| possible | clear | urgent clear | acted | weakest category | plans/means/weapons clear | ordinary clear | ordinary possible |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        float[] possibles = heightened ? [0.1f, 0.15f, 0.2f, 0.25f, 0.3f] : [0.3f, 0.35f, 0.4f, 0.45f, 0.5f, 0.55f, 0.6f, 0.65f, 0.7f];
        float[] clears = heightened ? [0.5f, 0.6f, 0.7f, 0.8f] : [0.8f, 0.85f, 0.9f, 0.93f, 0.95f, 0.97f];
        foreach (var p in possibles)
        foreach (var c in clears)
        foreach (var u in new[] { p, p + 0.1f, p + 0.2f, p + 0.3f }.Where(u => u < c))
        {
            var t = new MeaningThresholds(p, c, u, heightened ? 0f : LayeredSafetyDetector.Normal.PhraseDoubt);
            var detector = new LayeredSafetyDetector(classifier, t, t);
            var f = SafetyEvaluation.Figures("combination", set, m => detector.Assess(m.Text, heightened ? SafetyScrutiny.Heightened : SafetyScrutiny.Normal));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p:0.00} | {c:0.00} | {u:0.00} | {GridCells(f)}"));
        }

        return 0;
    }

    case "doubt":
    {
        // doubt <file.tsv>: the combination as the phrase rules' doubt threshold varies (development only).
        var set = LabelledSet.Read(args[1]);
        var classifier = Prepared(set);
        Console.WriteLine("| doubt | acted | weakest category | plans/means/weapons clear | ordinary clear | ordinary possible |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var d in new[] { 0f, 0.05f, 0.1f, 0.15f, 0.2f, 0.25f, 0.3f, 0.4f })
        {
            var detector = new LayeredSafetyDetector(classifier, LayeredSafetyDetector.Normal with { PhraseDoubt = d }, LayeredSafetyDetector.Heightened);
            var f = SafetyEvaluation.Figures("combination", set, m => detector.Assess(m.Text, SafetyScrutiny.Normal));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {d:0.00} | {GridCells(f)}"));
        }

        return 0;
    }

    case "blend":
    {
        // blend <dev.tsv> <train.tsv>...: the shipped regression blended with a k-nearest-neighbour vote over the
        // training embeddings, swept over thresholds through the whole layered detector (development only).
        var dev = LabelledSet.Read(args[1]);
        var train = args.Skip(2).Where(a => a.EndsWith(".tsv")).SelectMany(LabelledSet.Read).ToList();
        var classifier = Prepared(dev);
        classifier.Prepare(train.Select(m => m.Text));
        var trainX = train.Select(m => classifier.Embedding(m.Text)).ToArray();
        var trainY = train.Select(m => m.Expected != SafetyCategory.None).ToArray();
        foreach (var k in new[] { 5, 9, 15 })
        foreach (var mode in new[] { "lr", "knn", "avg", "min", "geo" })
        {
            if (mode == "lr" && k != 5) continue;
            var blended = new Blended(classifier, trainX, trainY, k, mode);
            foreach (var p in new[] { 0.3f, 0.35f, 0.4f, 0.45f, 0.5f, 0.55f, 0.6f, 0.65f, 0.7f })
            foreach (var c in new[] { 0.8f, 0.85f, 0.9f, 0.95f })
            foreach (var u in new[] { p, p + 0.1f, p + 0.2f })
            {
                if (u >= c) continue;
                var t = new MeaningThresholds(p, c, u);
                var detector = new LayeredSafetyDetector(blended, t, t);
                var f = SafetyEvaluation.Figures("combination", dev, m => detector.Assess(m.Text, SafetyScrutiny.Normal));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {mode} | {k} | {p:0.00} | {c:0.00} | {u:0.00} | {GridCells(f)}"));
            }
        }

        return 0;
    }

    case "experiment":
    {
        // experiment <dev.tsv> <train.tsv>...: LR and k-nearest-neighbour scores side by side (development only).
        var dev = LabelledSet.Read(args[1]);
        var train = args.Skip(2).SelectMany(LabelledSet.Read).ToList();
        var classifier = new BatchedClassifier(cache.Encode, Empty());
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

    case "crossval":
    {
        // crossval <k> <file.tsv>...: pools the sets, trains k models each without one fold (folds by a stable hash of
        // the text), and measures the whole layered detector on out-of-fold scores, at the shipped thresholds and over
        // a grid: figures no model saw the messages for, when every labelled message also trains the shipped model.
        var k = int.Parse(args[1], CultureInfo.InvariantCulture);
        var files = args.Skip(2).Where(a => a.EndsWith(".tsv", StringComparison.Ordinal)).ToArray();
        var set = new List<LabelledMessage>();
        var sources = new Dictionary<LabelledMessage, string>();
        foreach (var file in files)
        {
            foreach (var m in LabelledSet.Read(file))
            {
                set.Add(m);
                sources[m] = file;
            }
        }

        var classifier = new BatchedClassifier(cache.Encode, Empty());
        var encode = Stopwatch.StartNew();
        classifier.Prepare(set.Select(m => m.Text));
        Console.Error.WriteLine($"encoded {set.Count} messages in {encode.ElapsedMilliseconds} ms");
        var folds = set.ToDictionary(m => m, m => (int)(Fnv(BatchedClassifier.Canonical(m.Text)) % (uint)k));
        var models = new MeaningModel[k];
        var train = Stopwatch.StartNew();
        // TRUSTBOT_FOLDS names a directory that keeps the fold models of one pool between runs (threshold work only).
        var foldDirectory = Environment.GetEnvironmentVariable("TRUSTBOT_FOLDS");
        // TRUSTBOT_ONLY_FOLDS=0,2 measures only those folds' messages (and trains only their models): a quicker look.
        var only = Environment.GetEnvironmentVariable("TRUSTBOT_ONLY_FOLDS") is { Length: > 0 } list
            ? list.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToHashSet()
            : Enumerable.Range(0, k).ToHashSet();
        Parallel.For(0, k, new ParallelOptions { MaxDegreeOfParallelism = 2 }, f =>
        {
            if (!only.Contains(f))
            {
                return;
            }

            var saved = foldDirectory is null ? null : Path.Combine(foldDirectory, $"fold-{k}-{f}-{set.Count}.json");
            if (saved is not null && File.Exists(saved))
            {
                using var input = File.OpenRead(saved);
                models[f] = MeaningModel.Read(input);
                return;
            }

            var part = set.Where(m => folds[m] != f).ToList();
            models[f] = MeaningTrainer.Train(
                [.. part.Select(m => classifier.Embedding(m.Text))], [.. part.Select(m => BatchedClassifier.Canonical(m.Text))],
                [.. part.Select(m => LabelledSet.ClassIndex(m.Expected))], trainingOptions, $"fold {f}");
            if (saved is not null)
            {
                using var output = File.Create(saved);
                models[f].Write(output);
            }
        });
        Console.Error.WriteLine($"trained {k} models in {train.ElapsedMilliseconds} ms");
        set = [.. set.Where(m => only.Contains(folds[m]))];
        SafetyAssessment OutOfFold(LabelledMessage m, Func<SafetyAssessment> assess)
        {
            classifier.Model = models[folds[m]];
            return assess();
        }

        // Every pass below asks for the same out-of-fold scores (the neighbour vote makes each one costly): scored once.
        var memo = new MemoClassifier(classifier, () => classifier.Model);
        var shipped = new LayeredSafetyDetector(memo);
        foreach (var heightened in new[] { false, true })
        {
            var scrutiny = heightened ? SafetyScrutiny.Heightened : SafetyScrutiny.Normal;
            var layers = new[]
            {
                SafetyEvaluation.Figures("phrase", set, m => new PhraseSafetyDetector().Assess(m.Text)),
                SafetyEvaluation.Figures("meaning", set, m => OutOfFold(m, () => shipped.AssessMeaning(BatchedClassifier.Canonical(m.Text), scrutiny))),
                SafetyEvaluation.Figures("combination", set, m => OutOfFold(m, () => shipped.Assess(m.Text, scrutiny))),
            };
            Console.WriteLine(SafetyEvaluation.Report($"{string.Join(", ", files.Select(Path.GetFileName))}: {set.Count} messages, {k}-fold out-of-fold, scrutiny {scrutiny}", layers, details: false));
        }

        // Each file alone, at the shipped thresholds: a file the phrase rules were never tuned on is the honest one for them.
        foreach (var file in files)
        {
            var part = set.Where(m => sources[m] == file).ToList();
            var f = SafetyEvaluation.Figures("combination", part, m => OutOfFold(m, () => shipped.Assess(m.Text, SafetyScrutiny.Normal)));
            var mf = SafetyEvaluation.Figures("meaning", part, m => OutOfFold(m, () => shipped.AssessMeaning(BatchedClassifier.Canonical(m.Text), SafetyScrutiny.Normal)));
            foreach (var x in new[] { mf, f })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(file)} {x.Layer}: acted {x.Overall.Recall:0.000} (SH {x.Categories[SafetyCategory.SelfHarm].Recall:0.000}, V {x.Categories[SafetyCategory.Violence].Recall:0.000}, F {x.Categories[SafetyCategory.FearForSafety].Recall:0.000}), plans/means/weapons full {x.MustBeClearRate:0.000}, ordinary full {x.OrdinaryClearRate:0.000}, gentle {x.OrdinaryPossibleRate:0.000}"));
            }
        }

        // The grid, on the pool and on the last file alone (name the file the phrase rules were never tuned on last).
        var focus = set.Where(m => sources[m] == files[^1]).ToList();
        Console.WriteLine($"| possible | clear | urgent clear | doubt | sentence doubt | pool: acted | weakest | plans/means/weapons full | ordinary full | gentle | {Path.GetFileName(files[^1])}: acted | weakest | plans/means/weapons full | ordinary full | gentle |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var p in new[] { 0.45f, 0.5f, 0.55f, 0.6f, 0.65f })
        foreach (var c in new[] { 0.8f, 0.85f, 0.9f })
        foreach (var u in new[] { p - 0.1f, p }.Where(u => u < c))
        foreach (var d in new[] { 0.3f, 0.45f, 0.6f })
        foreach (var ds in new[] { d, 0.7f, 0.85f }.Where(x => x >= d).Distinct())
        {
            var t = new MeaningThresholds(p, c, u, d, ds);
            var detector = new LayeredSafetyDetector(memo, t, LayeredSafetyDetector.Heightened);
            var all = SafetyEvaluation.Figures("combination", set, m => OutOfFold(m, () => detector.Assess(m.Text, SafetyScrutiny.Normal)));
            var own = SafetyEvaluation.Figures("combination", focus, m => OutOfFold(m, () => detector.Assess(m.Text, SafetyScrutiny.Normal)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {p:0.00} | {c:0.00} | {u:0.00} | {d:0.00} | {ds:0.00} | {GridCells(all)} {GridCells(own)}"));
        }

        return 0;
    }

    case "dump":
    {
        // dump <file.tsv>: one line a message with what each layer said, for reading a set's errors (development only).
        var set = LabelledSet.Read(args[1]);
        var classifier = Prepared(set);
        var detector = new LayeredSafetyDetector(classifier);
        foreach (var m in set)
        {
            var normalized = SafetyText.Normalize(m.Text);
            var phrase = PhraseSafetyDetector.AssessNormalized(normalized);
            var gate = SafetyGate.Check(normalized);
            var danger = classifier.TryScore(normalized, out var s) ? s.Danger : -1f;
            var sentence = LayeredSafetyDetector.Sentences(normalized).Select(x => classifier.TryScore(x, out var t) ? t.Danger : 0f).DefaultIfEmpty(0f).Max();
            var combined = detector.Assess(m.Text, SafetyScrutiny.Normal);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Expected}:{m.Kind}\t{phrase.Rule ?? "-"}:{phrase.Level}\t{(gate.Open ? gate.Urgent ? "urgent" : "open" : "closed")}\t{danger:0.00}\t{sentence:0.00}\t{combined.Rule ?? "-"}:{(combined.IsCrisis ? combined.Level : SafetyLevel.None)}\t{m.Text}"));
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

    var classifier = new BatchedClassifier(cache.Encode, model);
    var encode = Stopwatch.StartNew();
    classifier.Prepare(set.Select(m => m.Text));
    Console.Error.WriteLine($"encoded {set.Count} messages in {encode.ElapsedMilliseconds} ms");
    return classifier;
}

// A combination's figures as grid cells: acted, weakest category, plans/means/weapons full, ordinary full, ordinary gentle.
static string GridCells(LayerFigures f) => string.Create(CultureInfo.InvariantCulture,
    $"{f.Overall.Recall:0.000} | {f.Categories.Values.Min(x => x.Recall):0.000} | {f.MustBeClearRate:0.000} | {f.OrdinaryClearRate:0.000} | {f.OrdinaryPossibleRate:0.000} |");

static uint Fnv(string text)
{
    var hash = 2166136261u;
    foreach (var ch in text) hash = (hash ^ ch) * 16777619u;
    return hash;
}

static float Dot(float[] a, float[] b) { var s = 0f; for (var i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }

static MeaningModel Empty() => new() { Dimensions = 384, Weights = [new float[384], new float[384], new float[384], new float[384]], Bias = new float[4] };

internal sealed class Blended(BatchedClassifier inner, float[][] trainX, bool[] trainY, int k, string mode) : IMeaningClassifier
{
    public MeaningStatus Status => MeaningStatus.Ready;

    private readonly Dictionary<string, MeaningScores> _cache = new(StringComparer.Ordinal);

    public bool TryScore(string normalizedText, out MeaningScores scores)
    {
        if (_cache.TryGetValue(normalizedText, out scores)) return true;
        scores = Compute(normalizedText);
        _cache[normalizedText] = scores;
        return true;
    }

    private MeaningScores Compute(string normalizedText)
    {
        MeaningScores scores;
        inner.TryScore(normalizedText, out var lr);
        var x = inner.Embedding(normalizedText);
        var top = new List<(float Sim, bool Crisis)>(k + 1);
        for (var i = 0; i < trainX.Length; i++)
        {
            var s = 0f;
            var row = trainX[i];
            for (var d = 0; d < x.Length; d++) s += row[d] * x[d];
            if (top.Count < k || s > top[^1].Sim)
            {
                top.Add((s, trainY[i]));
                top.Sort((a, b) => b.Sim.CompareTo(a.Sim));
                if (top.Count > k) top.RemoveAt(k);
            }
        }

        var knn = top.Count(t => t.Crisis) / (float)top.Count;
        var danger = mode switch
        {
            "lr" => lr.Danger,
            "knn" => knn,
            "avg" => (lr.Danger + knn) / 2,
            "min" => Math.Min(lr.Danger, knn),
            _ => MathF.Sqrt(lr.Danger * knn),
        };
        var rest = Math.Max(1e-6f, lr.Danger);
        scores = new MeaningScores(1 - danger, lr.SelfHarm / rest * danger, lr.Violence / rest * danger, lr.FearForSafety / rest * danger);
        return scores;
    }
}

internal sealed class EmbeddingCache
{
    private readonly Func<string[], float[][]> _encode;
    private readonly string? _path;
    private readonly Dictionary<string, float[]> _vectors = new(StringComparer.Ordinal);

    public EmbeddingCache(Func<string[], float[][]> encode, string? path)
    {
        _encode = encode;
        _path = string.IsNullOrEmpty(path) ? null : path;
        if (_path is null || !File.Exists(_path))
        {
            return;
        }

        // A run stopped while appending leaves a torn last record: everything before it is kept, the file is cut there
        // so that new records follow good ones, and what was lost is encoded again.
        long good = 0, total;
        using (var reader = new BinaryReader(File.OpenRead(_path)))
        {
            total = reader.BaseStream.Length;
            try
            {
                while (reader.BaseStream.Position < total)
                {
                    var text = reader.ReadString();
                    var length = reader.ReadInt32();
                    if (length is <= 0 or > 4096)
                    {
                        break;
                    }

                    var vector = new float[length];
                    for (var i = 0; i < vector.Length; i++) vector[i] = reader.ReadSingle();

                    // Records torn by two runs writing at once can still parse; an embedding is a unit-length vector,
                    // so anything else marks where the file went wrong (one such vector made a training diverge).
                    var norm = 0.0;
                    foreach (var v in vector) norm += v * v;
                    if (!double.IsFinite(norm) || Math.Abs(norm - 1) > 0.01)
                    {
                        break;
                    }

                    _vectors[text] = vector;
                    good = reader.BaseStream.Position;
                }
            }
            catch (EndOfStreamException)
            {
            }
        }

        if (good < total)
        {
            using var file = new FileStream(_path, FileMode.Open, FileAccess.Write);
            file.SetLength(good);
        }
    }

    public float[][] Encode(string[] texts)
    {
        var missing = texts.Where(t => !_vectors.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0)
        {
            var vectors = _encode(missing);
            for (var i = 0; i < missing.Length; i++) _vectors[missing[i]] = vectors[i];
            if (_path is not null)
            {
                // One append per batch, so that two runs sharing the cache (a training and a cross-validation) do not
                // interleave their records.
                using var batch = new MemoryStream();
                using (var writer = new BinaryWriter(batch, System.Text.Encoding.UTF8, leaveOpen: true))
                {
                    for (var i = 0; i < missing.Length; i++)
                    {
                        writer.Write(missing[i]);
                        writer.Write(vectors[i].Length);
                        foreach (var v in vectors[i]) writer.Write(v);
                    }
                }

                using var file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                file.Write(batch.GetBuffer(), 0, (int)batch.Length);
            }
        }

        return [.. texts.Select(t => _vectors[t])];
    }
}

// Remembers each score per model and text: a threshold grid asks for the same scores hundreds of times.
internal sealed class MemoClassifier(BatchedClassifier inner, Func<MeaningModel> model) : IMeaningClassifier
{
    private readonly Dictionary<(MeaningModel, string), MeaningScores> _scores = [];

    public MeaningStatus Status => MeaningStatus.Ready;

    public bool TryScore(string normalizedText, out MeaningScores scores)
    {
        var key = (model(), normalizedText);
        if (!_scores.TryGetValue(key, out scores))
        {
            inner.TryScore(normalizedText, out scores);
            _scores[key] = scores;
        }

        return true;
    }
}
