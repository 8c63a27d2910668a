using System.Text.Json.Nodes;
using TrustBot.Bot.Charts;
using TrustBot.Journey;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

public sealed class ProgressTests
{
    private static TestFlow WithChart(JourneyHarness h) =>
        new(h.Adapter, new TrustBotHandler(h.Storage, h.Clock, new JourneyOptions(), new JourneyReports(new ScottPlotTrendChart())));

    [Fact]
    public async Task After_two_check_ins_progress_is_a_card_with_facts_and_a_chart_image()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 7").SkipReplies().Send("A hug").SkipReplies().Send("Mark as done").SkipReplies()
            .CheckIn("5")
            .Advance(h, TimeSpan.FromDays(1))
            .CheckIn("7")
            .StartTestAsync();

        await WithChart(h)
            .Send("progress").AssertReply(a =>
            {
                var text = TestFlow.TextOf(a);
                return text.Contains("Your progress") && text.Contains("1 of 8 (7)") && text.Contains("Step 1: Acknowledge the damage")
                    && text.Contains("2 (streak 2)") && text.Contains(JourneyReports.Sparkline([5, 7]) + "  (latest 7/10)")
                    && text.Contains("Trust has risen by 2");
            }, "a progress card with the facts")
            .StartTestAsync();

        var card = h.Adapter.Sent.Last(a => a.Attachments is { Count: > 0 }).Attachments![0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", card.ContentType);
        var image = ((JsonObject)card.Content!)["body"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["type"] == "Image");
        Assert.StartsWith("data:image/png;base64,", (string?)image["url"], StringComparison.Ordinal);
        var facts = ((JsonObject)card.Content!)["body"]!.AsArray().OfType<JsonObject>().Single(e => (string?)e["type"] == "FactSet")["facts"]!.AsArray();
        Assert.Contains(facts, f => (string?)f!["title"] == "Small wins" && (string?)f["value"] == "1");
    }

    [Fact]
    public async Task Channel_without_cards_gets_a_compact_text_trend()
    {
        var h = new JourneyHarness(channelId: "sms");
        await h.Onboarded()
            .CheckIn("4")
            .Advance(h, TimeSpan.FromDays(1))
            .CheckIn("6")
            .StartTestAsync();

        await WithChart(h)
            .Send("progress").AssertReply(a => a.Attachments is null or { Count: 0 }
                && a.Text!.Contains("Steps done: 0 of 8; now on Step 1") && a.Text.Contains("Check-ins: 2 (streak 2)")
                && a.Text.Contains("Small wins: 0") && a.Text.Contains("Trust trend: " + JourneyReports.Sparkline([4, 6])), "a text-only progress message")
            .StartTestAsync();
    }

    [Fact]
    public async Task Progress_before_any_check_in_says_so_and_shows_no_chart()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await WithChart(h).Send("progress").AssertReplyContains("no check-ins yet").StartTestAsync();
        var card = h.Adapter.Sent.Last(a => a.Attachments is { Count: > 0 }).Attachments![0];
        Assert.DoesNotContain("\"Image\"", ((JsonObject)card.Content!).ToJsonString());
    }
}
