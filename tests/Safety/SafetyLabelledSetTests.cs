using System.Globalization;
using System.Text;
using TrustBot.Safety;
using Xunit.Abstractions;

namespace TrustBot.Tests.Safety;

/// <summary>
/// Measures the detector against safety-labelled.tsv, a hand-written set of crisis and ordinary relationship
/// messages (hard cases included and kept even where the detector gets them wrong), and holds it to thresholds.
/// </summary>
public sealed class SafetyLabelledSetTests(ITestOutputHelper output)
{
    // Missing a crisis costs far more than an unneeded caring message, so recall matters most. On the development
    // set (which the patterns were improved against) both are held at 0.95; on the held-out set the thresholds are
    // what the detector actually achieves on phrasing it has never seen, so that a regression fails the build.
    private const double MinCrisisRecall = 0.95;
    private const double MinCrisisPrecision = 0.95;
    private const double MinCategoryAccuracyOnCaughtCrises = 0.95;
    private const double MinHoldoutRecall = 0.90;
    private const double MinHoldoutPrecision = 0.95;

    private sealed record Example(int Line, SafetyCategory Expected, string Text);

    [Fact]
    public void Labelled_set_is_large_and_balanced_enough_to_mean_something()
    {
        var set = Load("safety-labelled.tsv");
        var crises = set.Count(e => e.Expected != SafetyCategory.None);
        Assert.True(set.Count >= 120, $"only {set.Count} labelled messages");
        Assert.True(Load("safety-holdout.tsv").Count >= 80, "the held-out set is too small to measure anything");
        Assert.InRange(crises / (double)set.Count, 0.40, 0.50);
        foreach (var category in new[] { SafetyCategory.SelfHarm, SafetyCategory.Violence, SafetyCategory.FearForSafety })
        {
            Assert.True(set.Count(e => e.Expected == category) >= 25, $"too few {category} examples");
        }

        Assert.Equal(set.Count, set.Select(e => e.Text).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Detector_meets_precision_and_recall_thresholds_on_the_labelled_set()
    {
        var m = Evaluate("safety-labelled.tsv");
        output.WriteLine(m.Report);
        Assert.True(m.Recall >= MinCrisisRecall, $"crisis recall {m.Recall:0.000} < {MinCrisisRecall}\n{m.Report}");
        Assert.True(m.Precision >= MinCrisisPrecision, $"crisis precision {m.Precision:0.000} < {MinCrisisPrecision}\n{m.Report}");
        Assert.True(m.CategoryAccuracy >= MinCategoryAccuracyOnCaughtCrises,
            $"category accuracy {m.CategoryAccuracy:0.000} < {MinCategoryAccuracyOnCaughtCrises}\n{m.Report}");
    }

    // The held-out set was written after the detector and is never used to tune it, so its figures estimate how
    // the detector does on phrasing it has not seen. When it has been used to improve the detector, move its lines
    // into safety-labelled.tsv and write a fresh held-out set.
    [Fact]
    public void Detector_meets_thresholds_on_the_held_out_set()
    {
        var m = Evaluate("safety-holdout.tsv");
        output.WriteLine(m.Report);
        Assert.True(m.Recall >= MinHoldoutRecall, $"held-out crisis recall {m.Recall:0.000} < {MinHoldoutRecall}\n{m.Report}");
        Assert.True(m.Precision >= MinHoldoutPrecision, $"held-out crisis precision {m.Precision:0.000} < {MinHoldoutPrecision}\n{m.Report}");
    }

    private sealed record Metrics(double Precision, double Recall, double CategoryAccuracy, string Report);

    private static Metrics Evaluate(string file)
    {
        var detector = new PhraseSafetyDetector();
        var set = Load(file);
        var results = set.Select(e => (Example: e, Got: detector.Assess(e.Text))).ToList();

        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (e, got) in results)
        {
            var expected = e.Expected != SafetyCategory.None;
            (tp, fp, fn, tn) = (expected, got.IsCrisis) switch
            {
                (true, true) => (tp + 1, fp, fn, tn),
                (false, true) => (tp, fp + 1, fn, tn),
                (true, false) => (tp, fp, fn + 1, tn),
                _ => (tp, fp, fn, tn + 1),
            };
        }

        var precision = Ratio(tp, tp + fp);
        var recall = Ratio(tp, tp + fn);
        var caught = results.Where(r => r.Example.Expected != SafetyCategory.None && r.Got.IsCrisis).ToList();
        var rightCategory = caught.Count(r => r.Got.Category == r.Example.Expected);
        var categoryAccuracy = Ratio(rightCategory, caught.Count);

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{file}: {set.Count} messages, {tp + fn} crisis / {fp + tn} ordinary. Crisis: TP {tp}, FP {fp}, FN {fn}, TN {tn}.");
        report.AppendLine("| scope | precision | recall | support |");
        report.AppendLine("|---|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| any crisis | {precision:0.000} | {recall:0.000} | {tp + fn} |");
        foreach (var category in new[] { SafetyCategory.SelfHarm, SafetyCategory.Violence, SafetyCategory.FearForSafety })
        {
            var ctp = results.Count(r => r.Example.Expected == category && r.Got.Category == category);
            var cPredicted = results.Count(r => r.Got.Category == category);
            var cSupport = results.Count(r => r.Example.Expected == category);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {category} | {Ratio(ctp, cPredicted):0.000} | {Ratio(ctp, cSupport):0.000} | {cSupport} |");
        }

        report.AppendLine(CultureInfo.InvariantCulture,
            $"Right category among detected crises: {categoryAccuracy:0.000} ({rightCategory}/{caught.Count}).");
        report.AppendLine("Misclassified:");
        foreach (var (e, got) in results.Where(r => r.Got.Category != r.Example.Expected))
        {
            report.AppendLine(CultureInfo.InvariantCulture,
                $"  line {e.Line}: expected {e.Expected}, got {got.Category} ({got.Rule ?? "no rule"}): {e.Text}");
        }

        return new Metrics(precision, recall, categoryAccuracy, report.ToString());
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 1.0 : numerator / (double)denominator;

    private static List<Example> Load(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Safety", file);
        var examples = new List<Example>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var tab = line.IndexOf('\t');
            Assert.True(tab > 0, $"line {lineNumber} has no tab: {line}");
            var label = line[..tab] switch
            {
                "none" => SafetyCategory.None,
                "selfharm" => SafetyCategory.SelfHarm,
                "violence" => SafetyCategory.Violence,
                "fear" => SafetyCategory.FearForSafety,
                var other => throw new InvalidDataException($"line {lineNumber}: unknown label '{other}' (use none, selfharm, violence or fear)"),
            };
            examples.Add(new Example(lineNumber, label, line[(tab + 1)..]));
        }

        return examples;
    }
}
