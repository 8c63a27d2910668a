using System.Globalization;
using System.Text.Json;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace TrustBot.Bench;

/// <summary>
/// Draws bench/results/latest.png from the per-round JSON files run.sh leaves: the median µs of each turn,
/// C# beside JavaScript, each bar the median over the rounds.
/// </summary>
internal static class ComparisonChart
{
    private static readonly Color CSharp = Color.FromHex("#4A8C88");
    private static readonly Color JavaScript = Color.FromHex("#C98B3B");

    public static int Draw(string rawDirectory, int rounds, string pngPath)
    {
        var cs = Enumerable.Range(1, rounds).Select(r => Load(Path.Combine(rawDirectory, $"csharp-{r}.json"))).ToList();
        var js = Enumerable.Range(1, rounds).Select(r => Load(Path.Combine(rawDirectory, $"js-{r}.json"))).ToList();
        var labels = cs[0].Select(t => t.Label).ToList();

        var plot = new Plot();
        var ticks = new NumericManual();
        var bars = new List<Bar>();
        for (var i = 0; i < labels.Count; i++)
        {
            var csMedian = Median(cs.Select(run => run[i].MedianUs));
            var jsMedian = Median(js.Select(run => run[i].MedianUs));
            bars.Add(new Bar { Position = i * 3, Value = csMedian, FillColor = CSharp, Label = csMedian.ToString("F0", CultureInfo.InvariantCulture) });
            bars.Add(new Bar { Position = i * 3 + 1, Value = jsMedian, FillColor = JavaScript, Label = jsMedian.ToString("F0", CultureInfo.InvariantCulture) });
            ticks.AddMajor(i * 3 + 0.5, labels[i]);
        }
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 11;
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Margins(bottom: 0);
        plot.YLabel("median µs per turn (lower is better)");
        plot.Title("Check-in turn: TrustBot (C#) vs JavaScript Bot Framework SDK");
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "TrustBot (C#)", FillColor = CSharp });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "JS Bot Framework SDK", FillColor = JavaScript });
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
        plot.SavePng(pngPath, 900, 420);
        return 0;
    }

    private static List<(string Label, double MedianUs)> Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var turns = root.GetProperty("turns").EnumerateArray()
            .Select(t => ($"{t.GetProperty("turn").GetInt32()} \"{t.GetProperty("input").GetString()}\"", t.GetProperty("medianUs").GetDouble()))
            .ToList();
        turns.Add(("all turns", root.GetProperty("all").GetProperty("medianUs").GetDouble()));
        return turns;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
