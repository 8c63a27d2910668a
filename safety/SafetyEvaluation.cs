using System.Globalization;
using System.Text;

namespace TrustBot.Safety.Meaning;

/// <summary>The figures of one layer on one labelled set.</summary>
internal sealed record LayerFigures(
    string Layer,
    IReadOnlyDictionary<SafetyCategory, CategoryFigures> Categories,
    CategoryFigures Overall,
    int Ordinary,
    int OrdinaryClear,
    int OrdinaryPossible,
    int MustBeClear,
    int MustBeClearGotClear,
    IReadOnlyList<string> Misses,
    IReadOnlyList<string> FalseAlarms,
    IReadOnlyList<string> UrgentNotClear)
{
    public double OrdinaryClearRate => Ratio(OrdinaryClear, Ordinary);
    public double OrdinaryPossibleRate => Ratio(OrdinaryPossible, Ordinary);
    public double MustBeClearRate => Ratio(MustBeClearGotClear, MustBeClear);

    internal static double Ratio(int a, int b) => b == 0 ? 1.0 : a / (double)b;
}

/// <summary>Per category: how many crisis messages there are, how many the layer acted on (clear or possible), how many
/// got the full message at once, and precision (of the messages it called this category, the share that are a crisis).</summary>
internal sealed record CategoryFigures(int Support, int Acted, int Clear, int Called, int CalledCorrectly)
{
    public double Recall => LayerFigures.Ratio(Acted, Support);
    public double ClearRecall => LayerFigures.Ratio(Clear, Support);
    public double Precision => LayerFigures.Ratio(CalledCorrectly, Called);
}

/// <summary>Measures the phrase layer, the meaning layer (gate and model alone) and their combination on a labelled set.</summary>
internal static class SafetyEvaluation
{
    private static readonly SafetyCategory[] s_categories = [SafetyCategory.SelfHarm, SafetyCategory.Violence, SafetyCategory.FearForSafety];

    public static IReadOnlyList<LayerFigures> Measure(IReadOnlyList<LabelledMessage> set, IMeaningClassifier meaning, SafetyScrutiny scrutiny)
    {
        var phrase = new PhraseSafetyDetector();
        var layered = new LayeredSafetyDetector(meaning);
        return
        [
            Figures("phrase", set, m => phrase.Assess(m.Text, scrutiny)),
            Figures("meaning", set, m => layered.AssessMeaning(SafetyText.Normalize(m.Text), scrutiny)),
            Figures("combination", set, m => layered.Assess(m.Text, scrutiny)),
        ];
    }

    public static LayerFigures Figures(string layer, IReadOnlyList<LabelledMessage> set, Func<LabelledMessage, SafetyAssessment> assess)
    {
        var results = set.Select(m => (Message: m, Got: assess(m))).ToList();
        var categories = new Dictionary<SafetyCategory, CategoryFigures>();
        foreach (var category in s_categories)
        {
            categories[category] = Count(results, m => m.Expected == category, got => got.Category == category);
        }

        var overall = Count(results, m => m.Expected != SafetyCategory.None, got => got.IsCrisis);
        var ordinary = results.Where(r => r.Message.Expected == SafetyCategory.None).ToList();
        var urgent = results.Where(r => r.Message.MustBeClear).ToList();
        return new LayerFigures(
            layer,
            categories,
            overall,
            ordinary.Count,
            ordinary.Count(r => r.Got.IsClear),
            ordinary.Count(r => r.Got.IsCrisis && !r.Got.IsClear),
            urgent.Count,
            urgent.Count(r => r.Got.IsClear),
            [.. results.Where(r => r.Message.Expected != SafetyCategory.None && !r.Got.IsCrisis).Select(r => Describe(r.Message, r.Got))],
            [.. ordinary.Where(r => r.Got.IsCrisis).Select(r => Describe(r.Message, r.Got))],
            [.. urgent.Where(r => r.Got.IsCrisis && !r.Got.IsClear).Select(r => Describe(r.Message, r.Got))]);
    }

    private static CategoryFigures Count(
        List<(LabelledMessage Message, SafetyAssessment Got)> results, Func<LabelledMessage, bool> expected, Func<SafetyAssessment, bool> called)
    {
        var support = results.Where(r => expected(r.Message)).ToList();
        var calls = results.Where(r => r.Got.IsCrisis && called(r.Got)).ToList();
        return new CategoryFigures(
            support.Count,
            support.Count(r => r.Got.IsCrisis),
            support.Count(r => r.Got.IsClear),
            calls.Count,
            calls.Count(r => r.Message.Expected != SafetyCategory.None));
    }

    private static string Describe(LabelledMessage m, SafetyAssessment got) =>
        string.Create(CultureInfo.InvariantCulture, $"line {m.Line} [{m.Expected}{(m.Kind is null ? "" : ":" + m.Kind)}] got {got.Level} {got.Category} ({got.Rule ?? "-"}): {m.Text}");

    /// <summary>A Markdown table per layer, then the misses and false alarms of the combination.</summary>
    public static string Report(string title, IReadOnlyList<LayerFigures> layers, bool details)
    {
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"{title}");
        sb.AppendLine();
        sb.AppendLine("| layer | scope | support | precision | acts on (recall) | full message at once |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var layer in layers)
        {
            foreach (var (category, f) in layer.Categories)
            {
                sb.AppendLine(inv, $"| {layer.Layer} | {category} | {f.Support} | {f.Precision:0.000} | {f.Recall:0.000} | {f.ClearRecall:0.000} |");
            }

            var o = layer.Overall;
            sb.AppendLine(inv, $"| {layer.Layer} | **all crisis** | {o.Support} | {o.Precision:0.000} | {o.Recall:0.000} | {o.ClearRecall:0.000} |");
        }

        sb.AppendLine();
        sb.AppendLine("| layer | ordinary messages | full message (clear) | gentle check (possible) | plans, means, weapons: full message at once |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var layer in layers)
        {
            sb.AppendLine(inv,
                $"| {layer.Layer} | {layer.Ordinary} | {layer.OrdinaryClearRate:0.000} ({layer.OrdinaryClear}) | {layer.OrdinaryPossibleRate:0.000} ({layer.OrdinaryPossible}) | {layer.MustBeClearRate:0.000} ({layer.MustBeClearGotClear}/{layer.MustBeClear}) |");
        }

        if (details)
        {
            var combination = layers[^1];
            sb.AppendLine();
            sb.AppendLine(inv, $"Crisis messages the {combination.Layer} did not act on:");
            foreach (var line in combination.Misses) sb.AppendLine("  " + line);
            sb.AppendLine(inv, $"Ordinary messages the {combination.Layer} acted on:");
            foreach (var line in combination.FalseAlarms) sb.AppendLine("  " + line);
            sb.AppendLine(inv, $"Plans, means and weapons the {combination.Layer} met with the gentle check only:");
            foreach (var line in combination.UrgentNotClear) sb.AppendLine("  " + line);
        }

        return sb.ToString();
    }
}
