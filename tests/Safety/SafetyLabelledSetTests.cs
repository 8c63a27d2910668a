using System.Diagnostics;
using TrustBot.Safety;
using TrustBot.Safety.Meaning;
using Xunit.Abstractions;

namespace TrustBot.Tests.Safety;

/// <summary>The real meaning model, loaded once for every test class that needs it.</summary>
public sealed class MeaningModelFixture : IAsyncLifetime
{
    public MiniLmMeaningClassifier Classifier => MiniLmMeaningClassifier.Shared;

    /// <summary>How long this process waited for the model (its full load time when no host had started it yet).</summary>
    public TimeSpan Waited { get; private set; }

    public async Task InitializeAsync()
    {
        var watch = Stopwatch.StartNew();
        await Classifier.StartLoading();
        Waited = watch.Elapsed;
        Assert.True(Classifier.Status == MeaningStatus.Ready, "the meaning model did not load: " + Classifier.FailureReason);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private BatchedClassifier? _batched;

    /// <summary>A classifier that embeds a whole set in batches, with the shipped weights. One for the collection (its
    /// tests run one at a time), so a set embedded for one test is not embedded again for the next.</summary>
    internal BatchedClassifier Batched(IEnumerable<LabelledMessage> set)
    {
        _batched ??= new BatchedClassifier(texts => Classifier.EncodeMany(texts, CancellationToken.None), Classifier.Model!);
        _batched.Prepare(set.Select(m => m.Text));
        return _batched;
    }
}

[CollectionDefinition(Name)]
public sealed class MeaningModelCollection : ICollectionFixture<MeaningModelFixture>
{
    public const string Name = "meaning model";
}

/// <summary>
/// Measures the safety layers against the hand-labelled sets in tests/Safety and holds them to the figures measured
/// when the detector was frozen, so that a regression fails the build. The files: safety-labelled.tsv, safety-train.tsv
/// and safety-dev.tsv all train the classifier (the phrase rules were written against safety-labelled.tsv, and the rules
/// and gate were tuned on safety-dev.tsv, which holds every earlier held-out set, each moved in once it was looked at);
/// thresholds are chosen on out-of-fold scores of the three (safety/crossval.sh); safety-holdout.tsv, when present, is
/// written after the detector was frozen by someone who has not seen the rules, and is never used to tune it.
/// </summary>
[Collection(MeaningModelCollection.Name)]
public sealed class SafetyLabelledSetTests(MeaningModelFixture model, ITestOutputHelper output)
{
    private static List<LabelledMessage> Load(string file) => LabelledSet.Read(Path.Combine(AppContext.BaseDirectory, "Safety", file));

    // The held-out set exists only between a freeze and the next change to the detector.
    private static readonly string[] s_files = [.. new[] { "safety-labelled.tsv", "safety-train.tsv", "safety-dev.tsv", "safety-holdout.tsv" }
        .Where(f => File.Exists(Path.Combine(AppContext.BaseDirectory, "Safety", f)))];

    [Fact]
    public void The_sets_are_large_enough_and_no_message_is_in_two_of_them()
    {
        var sets = s_files.ToDictionary(f => f, Load);
        Assert.True(sets.Values.Sum(s => s.Count) >= 2_000, $"only {sets.Values.Sum(s => s.Count)} labelled messages");
        foreach (var (file, set) in sets)
        {
            foreach (var category in new[] { SafetyCategory.SelfHarm, SafetyCategory.Violence, SafetyCategory.FearForSafety })
            {
                Assert.True(set.Count(m => m.Expected == category) >= 25, $"{file}: too few {category} messages");
            }

            Assert.True(set.Count(m => m.Expected == SafetyCategory.None) >= 40, $"{file}: too few ordinary messages");
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (file, set) in sets)
        {
            foreach (var message in set)
            {
                Assert.False(seen.TryGetValue(message.Text.Trim(), out var other), $"'{message.Text}' is in {file} and {other}");
                seen[message.Text.Trim()] = file;
            }
        }
    }

    // The phrase rules were written against this set: it shows they still do what they were built for.
    [Fact]
    public void Phrase_rules_keep_their_precision_and_recall_on_the_set_they_were_written_with()
    {
        var figures = SafetyEvaluation.Figures("phrase", Load("safety-labelled.tsv"), m => new PhraseSafetyDetector().Assess(m.Text));
        output.WriteLine(SafetyEvaluation.Report("safety-labelled.tsv", [figures], details: false));
        Assert.True(figures.Overall.Recall >= 0.95, $"recall {figures.Overall.Recall:0.000}");
        Assert.True(figures.Overall.Precision >= 0.95, $"precision {figures.Overall.Precision:0.000}");
    }

    [Fact]
    public void On_the_development_set_every_layer_holds_the_figures_measured_when_it_was_frozen() =>
        HoldsFigures("safety-dev.tsv", DevFigures);

    // A floor against regressions, never a target: the figures the round-11 detector measured the one time the held-out
    // set was evaluated (safety/README.md). When the detector changes, the set moves into development.
    [Fact]
    public void On_the_held_out_set_the_frozen_detector_keeps_the_figures_it_measured_once() =>
        HoldsFigures("safety-holdout.tsv", HeldOutFigures);

    private void HoldsFigures(string file, Frozen frozen)
    {
        var set = Load(file);
        var layers = SafetyEvaluation.Measure(set, model.Batched(set), SafetyScrutiny.Normal);
        output.WriteLine(SafetyEvaluation.Report(file + ", normal scrutiny", layers, details: true));
        var (phrase, meaning, combination) = (layers[0], layers[1], layers[2]);

        AssertAtLeast(phrase.Overall.Recall, frozen.PhraseRecall, "phrase recall");
        AssertAtLeast(meaning.Overall.Recall, frozen.MeaningRecall, "meaning recall");
        AssertAtLeast(combination.Overall.Recall, frozen.CombinationRecall, "combination recall");
        AssertAtLeast(combination.Categories.Values.Min(c => c.Recall), frozen.CombinationWorstCategoryRecall, "combination recall of the weakest category");
        AssertAtLeast(combination.MustBeClearRate, frozen.PlansMeansWeaponsClear, "plans, means and weapons shown the full message");
        AssertAtMost(combination.OrdinaryClearRate, frozen.OrdinaryClear, "ordinary messages shown the full message");
        AssertAtMost(combination.OrdinaryPossibleRate, frozen.OrdinaryPossible, "ordinary messages given the gentle check");
    }

    [Fact]
    public void In_safety_mode_the_development_set_gets_more_recall_from_the_lower_thresholds()
    {
        var set = Load("safety-dev.tsv");
        var batched = model.Batched(set);
        var normal = SafetyEvaluation.Measure(set, batched, SafetyScrutiny.Normal)[2];
        var heightened = SafetyEvaluation.Measure(set, batched, SafetyScrutiny.Heightened)[2];
        output.WriteLine(SafetyEvaluation.Report("safety-dev.tsv, heightened scrutiny", [heightened], details: false));
        Assert.True(heightened.Overall.Recall >= normal.Overall.Recall);
        Assert.True(heightened.Overall.ClearRecall > normal.Overall.ClearRecall);
    }

    [Fact]
    public void Ordinary_turns_mostly_skip_the_model_and_its_load_time_is_reported()
    {
        var checkIns = SafetyGateTests.OrdinaryTurns;
        var ordinary = s_files
            .SelectMany(Load).Where(m => m.Expected == SafetyCategory.None).ToList();
        var gatedCheckIns = checkIns.Count(t => !SafetyGate.Check(SafetyText.Normalize(t)).Open);
        var gatedOrdinary = ordinary.Count(m => !SafetyGate.Check(SafetyText.Normalize(m.Text)).Open);
        output.WriteLine($"model load time {model.Classifier.LoadTime?.TotalMilliseconds:0} ms (this test waited {model.Waited.TotalMilliseconds:0} ms)");
        output.WriteLine($"gated (model skipped): check-in answers, buttons and commands {gatedCheckIns}/{checkIns.Length}; ordinary labelled messages {gatedOrdinary}/{ordinary.Count}");

        Assert.Equal(checkIns.Length, gatedCheckIns);
        var counting = new CountingClassifier(model.Classifier);
        var watch = Stopwatch.StartNew();
        var detector = new LayeredSafetyDetector(counting);
        for (var i = 0; i < 200; i++)
        {
            foreach (var turn in checkIns) Assert.False(detector.Assess(turn, SafetyScrutiny.Heightened).IsCrisis);
        }

        // A check-in turn is about 135 µs in all; the safety check must stay a small part of it even with the model
        // loaded, which holds because the model never runs on such a turn (a count, not a time: a busy machine cannot
        // make it fail). The time is reported for the record.
        var perTurn = watch.Elapsed.TotalMicroseconds / (200 * checkIns.Length);
        output.WriteLine($"layered check of an ordinary turn: {perTurn:0.0} µs");
        Assert.Equal(0, counting.Calls);

        // What a message that passes the gate costs: the model runs on it (and on each of its sentences).
        var modelled = ordinary.Where(m => SafetyGate.Check(SafetyText.Normalize(m.Text)).Open).Take(40).ToList();
        var modelWatch = Stopwatch.StartNew();
        foreach (var message in modelled) detector.Assess(message.Text, SafetyScrutiny.Normal);
        output.WriteLine($"layered check of a message the model judges: {modelWatch.Elapsed.TotalMilliseconds / Math.Max(1, modelled.Count):0.0} ms");
        Assert.True(counting.Calls >= modelled.Count, "a message past the gate is judged by the model");
    }

    private sealed class CountingClassifier(IMeaningClassifier inner) : IMeaningClassifier
    {
        public int Calls { get; private set; }

        public MeaningStatus Status => inner.Status;

        public bool TryScore(string normalizedText, out MeaningScores scores)
        {
            Calls++;
            return inner.TryScore(normalizedText, out scores);
        }
    }

    // The evaluation embeds whole sets in batches (padded to the longest message); the bot embeds one message at a
    // time. Both must give the same scores, or the figures would describe a different detector.
    [Fact]
    public void Batched_evaluation_scores_a_message_as_the_bot_does_one_at_a_time()
    {
        var set = Load("safety-dev.tsv").Take(40).ToList();
        var batched = model.Batched(set);
        foreach (var message in set)
        {
            var canonical = BatchedClassifier.Canonical(message.Text);
            Assert.True(batched.TryScore(canonical, out var fromBatch));
            Assert.True(model.Classifier.TryScore(canonical, out var alone));
            Assert.True(Math.Abs(fromBatch.Danger - alone.Danger) < 1e-3, $"{fromBatch.Danger} vs {alone.Danger}: {message.Text}");
        }
    }

    private void AssertAtLeast(double actual, double floor, string what)
    {
        output.WriteLine($"{what}: {actual:0.000} (held at ≥ {floor:0.000})");
        Assert.True(actual >= floor - 1e-9, $"{what} {actual:0.000} fell below {floor:0.000}");
    }

    private void AssertAtMost(double actual, double ceiling, string what)
    {
        output.WriteLine($"{what}: {actual:0.000} (held at ≤ {ceiling:0.000})");
        Assert.True(actual <= ceiling + 1e-9, $"{what} {actual:0.000} rose above {ceiling:0.000}");
    }

    private sealed record Frozen(
        double PhraseRecall, double MeaningRecall, double CombinationRecall, double CombinationWorstCategoryRecall,
        double PlansMeansWeaponsClear, double OrdinaryClear, double OrdinaryPossible);

    /// <summary>What the shipped detector measured on safety-dev.tsv (safety/evaluate.sh dev), rounded against it. Since
    /// round 7 the model also trains on this set, so these are a floor against regressions, not figures to quote: the
    /// honest ones are out-of-fold (safety/crossval.sh) and on the held-out set.</summary>
    private static readonly Frozen DevFigures = new(
        PhraseRecall: 0.405, MeaningRecall: 0.985, CombinationRecall: 0.991, CombinationWorstCategoryRecall: 0.988,
        PlansMeansWeaponsClear: 0.968, OrdinaryClear: 0.024, OrdinaryPossible: 0.093);

    /// <summary>What the round-11 detector (5a8f05f) measured on safety-holdout.tsv (safety/evaluate.sh holdout), rounded against it.</summary>
    private static readonly Frozen HeldOutFigures = new(
        PhraseRecall: 0.321, MeaningRecall: 0.976, CombinationRecall: 0.976, CombinationWorstCategoryRecall: 0.959,
        PlansMeansWeaponsClear: 0.970, OrdinaryClear: 0.038, OrdinaryPossible: 0.119);
}
