using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using TrustBot.Journey;

namespace TrustBot.Bot.Charts;

/// <summary>
/// Draws the trust trend of "My progress" as a small PNG (dates across, trust 1–10 up) and returns it as a
/// <c>data:image/png;base64,...</c> URL, so the card needs no image hosting.
/// </summary>
internal sealed class ScottPlotTrendChart : ITrendChart
{
    /// <summary>Chart width in pixels.</summary>
    public const int Width = 600;

    /// <summary>Chart height in pixels.</summary>
    public const int Height = 300;

    private const int MaxDateLabels = 5;

    private static readonly Color Line = Color.FromHex("#4A8C88");
    private static readonly Color Ink = Color.FromHex("#5B6665");
    private static readonly Color Paper = Color.FromHex("#FFFFFF");
    private static readonly Color Field = Color.FromHex("#F5F9F8");
    private static readonly Color GridLine = Color.FromHex("#E1EAE8");

    /// <inheritdoc />
    public string? Render(IReadOnlyList<(DateTimeOffset At, int Trust)> points)
    {
        var png = RenderPng(points);
        return png is null ? null : "data:image/png;base64," + Convert.ToBase64String(png);
    }

    /// <summary>The chart as PNG bytes; null when there is nothing to draw.</summary>
    public static byte[]? RenderPng(IReadOnlyList<(DateTimeOffset At, int Trust)> points)
    {
        if (points.Count == 0) return null;
        var start = points[0].At;
        var xs = points.Select(p => (p.At - start).TotalDays).ToArray();
        var ys = points.Select(p => (double)Math.Clamp(p.Trust, 1, 10)).ToArray();

        var plot = new Plot();
        plot.FigureBackground.Color = Paper;
        plot.DataBackground.Color = Field;
        plot.Grid.MajorLineColor = GridLine;
        plot.Axes.Color(Ink);

        var scatter = plot.Add.Scatter(xs, ys);
        scatter.Color = Line;
        scatter.LineWidth = 3;
        scatter.MarkerSize = 9;

        var trustTicks = new NumericManual();
        for (var i = 1; i <= 10; i++) trustTicks.AddMajor(i, i.ToString(CultureInfo.InvariantCulture));
        plot.Axes.Left.TickGenerator = trustTicks;
        plot.Axes.Bottom.TickGenerator = DateTicks(points, xs);
        plot.YLabel("Trust");

        // A lone point or same-day points still get a readable span around them.
        var span = xs[^1] - xs[0];
        var pad = Math.Max(span * 0.05, 0.5);
        plot.Axes.SetLimitsX(xs[0] - pad, xs[^1] + pad);
        plot.Axes.SetLimitsY(0.5, 10.5);

        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    /// <summary>Up to five evenly spread date labels, each date once.</summary>
    private static NumericManual DateTicks(IReadOnlyList<(DateTimeOffset At, int Trust)> points, double[] xs)
    {
        var ticks = new NumericManual();
        var count = Math.Min(MaxDateLabels, points.Count);
        var labelled = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var index = count == 1 ? 0 : (int)Math.Round(i * (points.Count - 1) / (double)(count - 1));
            var label = points[index].At.ToString("d MMM", CultureInfo.InvariantCulture);
            if (labelled.Add(label)) ticks.AddMajor(xs[index], label);
        }
        return ticks;
    }
}
