using System.Buffers.Binary;
using TrustBot.Bot.Charts;

namespace TrustBot.Tests.Charts;

public sealed class ScottPlotTrendChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Trend_is_a_600_by_300_png_data_url_well_under_80_kb()
    {
        var points = Enumerable.Range(0, 14).Select(i => (Start.AddDays(i), 1 + (i * 7 % 10))).ToList();

        var url = new ScottPlotTrendChart().Render(points);

        Assert.NotNull(url);
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, url, StringComparison.Ordinal);
        Assert.True(url.Length < 80 * 1024, $"the data URL is {url.Length} characters");
        var png = Convert.FromBase64String(url[prefix.Length..]);
        Assert.Equal(((int)ScottPlotTrendChart.Width, (int)ScottPlotTrendChart.Height), PngSize(png));
    }

    [Fact]
    public void Single_point_and_same_day_points_still_draw()
    {
        Assert.Equal((600, 300), PngSize(ScottPlotTrendChart.RenderPng([(Start, 5)])!));
        Assert.Equal((600, 300), PngSize(ScottPlotTrendChart.RenderPng([(Start, 5), (Start, 6)])!));
    }

    [Fact]
    public void No_points_give_no_chart()
    {
        Assert.Null(new ScottPlotTrendChart().Render([]));
    }

    /// <summary>Checks the PNG signature and reads width and height from the IHDR chunk.</summary>
    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 24, "the PNG is empty");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
