using System.Globalization;
using System.Text.RegularExpressions;
using TrustBot.Journey;

namespace TrustBot.Tests.Journey;

/// <summary>The check-in summary: at most three short sentences, one emoji at most, and consistent with the answers.</summary>
public sealed partial class CheckInSummaryTests
{
    [Fact]
    public async Task A_second_check_in_the_same_day_compares_with_earlier_today_and_does_not_restart_the_streak()
    {
        var h = new JourneyHarness();
        await h.Onboarded().CheckIn("5").Advance(h, TimeSpan.FromHours(1)).CheckIn("6").StartTestAsync();
        var summary = Summary(h);
        Assert.Contains("Trust now: 6/10, up from 5 earlier today.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("fresh streak", summary, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("welcome back", summary, StringComparison.OrdinalIgnoreCase);
        AssertShort(summary);
    }

    [Fact]
    public async Task A_win_is_said_to_be_saved_once_without_the_small_wins_celebration()
    {
        var h = new JourneyHarness();
        await h.Onboarded().CheckIn("5", "Better", win: "we cooked dinner together").StartTestAsync();
        var summary = Summary(h);
        Assert.Single(Regex.Matches(summary, "small wins"));
        Assert.DoesNotContain("saved in your small wins", summary, StringComparison.Ordinal);
        Assert.Contains("Trust today: 5/10 on your first check-in", summary, StringComparison.Ordinal);
        AssertShort(summary);
    }

    [Fact]
    public async Task No_celebration_emoji_right_after_not_yet()
    {
        var h = new JourneyHarness();
        await h.Onboarded().CheckIn("5").StartTestAsync();
        await h.UpdateProfileAsync(p => p.WeeklyCommitment = "Pause before answering");
        await h.Flow()
            .Advance(h, TimeSpan.FromDays(1))
            .Send("check in").SkipReplies().Send("8").SkipReplies().Send("better").SkipReplies()
            .Send("not yet").SkipReplies().Send("she smiled at me").SkipReplies().Send("skip").SkipReplies()
            .StartTestAsync();
        var summary = Summary(h);
        Assert.DoesNotContain("🎉", summary, StringComparison.Ordinal);
        Assert.Contains("I'll keep your commitment for another week", summary, StringComparison.Ordinal);
        Assert.Contains("I've added your win to your small wins", summary, StringComparison.Ordinal);
        AssertShort(summary);
    }

    [Theory]
    [InlineData("8", "Better", "we laughed", "skip")]
    [InlineData("3", "Worse", "skip", "we argued about money")]
    [InlineData("5", "About the same", "skip", "skip")]
    [InlineData("7", "not sure", "a calm evening", "skip")]
    public async Task Every_summary_is_at_most_three_sentences_and_one_emoji(string trust, string communication, string win, string setback)
    {
        var h = new JourneyHarness();
        await h.Onboarded().CheckIn("5", win: "she brought me flowers").Advance(h, TimeSpan.FromDays(1))
            .CheckIn(trust, communication, win, setback).StartTestAsync();
        AssertShort(Summary(h));
    }

    [Fact]
    public async Task A_dip_during_a_space_period_after_step_6_never_suggests_step_6()
    {
        var h = new JourneyHarness();
        await h.Onboarded().CheckIn("5").StartTestAsync();
        await h.UpdateProfileAsync(p => { p.SpaceOpenEnded = true; p.MarkStepDone(6); });
        await h.Flow().Advance(h, TimeSpan.FromDays(1)).CheckIn("6").StartTestAsync();
        var summary = Summary(h);
        Assert.Contains("While you take space", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("step 6", summary, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The summary: the reply sent just before the menu.</summary>
    private static string Summary(JourneyHarness h) => h.Adapter.Sent[^2].Text!;

    private static void AssertShort(string summary)
    {
        Assert.True(SentenceEnd().Matches(summary).Count <= 3, $"More than three sentences: {summary}");
        var emoji = 0;
        var elements = StringInfo.GetTextElementEnumerator(summary);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (char.IsSurrogate(element[0]) || element[0] is >= '\u2600' and <= '\u27BF') emoji++;
        }
        Assert.True(emoji <= 1, $"More than one emoji: {summary}");
        Assert.DoesNotContain("\n", summary, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"[.!?](?=\s|$)")]
    private static partial Regex SentenceEnd();
}
