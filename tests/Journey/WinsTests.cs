using TrustBot.Journey;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

public sealed class WinsTests
{
    [Fact]
    public async Task Wins_command_with_no_wins_invites_a_first_one_and_celebrates_it()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("wins").AssertReplyContains("No wins logged yet")
            .AssertReply(a => a.Text == "Would you like to log a new win?" && TestFlow.ButtonsOf(a).SequenceEqual(["Log a win", "Not now"]), "the log-a-win question")
            .Send("Log a win").AssertReply("What's the win? However small, it counts.")
            .Send("We cooked together").AssertReply(Encouragement.CelebrateWin(1))
            .AssertReplyContains("What would you like to do?")
            .StartTestAsync();

        var win = Assert.Single(await h.RecordsAsync("win", JourneyJson.Default.WinRecord));
        Assert.Equal(("We cooked together", h.Clock.GetUtcNow()), (win.Text, win.At));
        Assert.Equal(1, (await h.ProfileAsync())!.WinCount);
    }

    [Fact]
    public async Task Menu_small_wins_button_lists_the_five_most_recent_wins_newest_first()
    {
        var h = new JourneyHarness();
        var flow = h.Onboarded();
        for (var i = 1; i <= 6; i++)
            flow = flow.Send("wins").SkipReplies().Send("Log a win").SkipReplies().Send($"Win number {i}").SkipReplies().Advance(h, TimeSpan.FromHours(1));
        await flow
            .Send("Small wins").AssertReply(a => a.Text!.Contains("Your recent wins:")
                && a.Text.IndexOf("Win number 6", StringComparison.Ordinal) < a.Text.IndexOf("Win number 2", StringComparison.Ordinal)
                && !a.Text.Contains("Win number 1"), "the five newest wins")
            .StartTestAsync();
        Assert.Equal(6, (await h.ProfileAsync())!.WinCount);
    }

    [Fact]
    public async Task Consecutive_wins_are_celebrated_with_different_words()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("wins").SkipReplies().Send("Log a win").SkipReplies()
            .Send("First win").AssertReply(Encouragement.CelebrateWin(1))
            .Send("wins").SkipReplies().Send("Log a win").SkipReplies()
            .Send("Second win").AssertReply(Encouragement.CelebrateWin(2))
            .StartTestAsync();
        Assert.NotEqual(Encouragement.CelebrateWin(1), Encouragement.CelebrateWin(2));
    }

    [Fact]
    public async Task Unrecognised_answer_and_overlong_win_are_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("wins").SkipReplies()
            .Send("purple").AssertReply("Choose \"Log a win\" to add one, or \"Not now\".")
            .Send("Log a win").SkipReplies()
            .Send(new string('w', 501)).AssertReply("A short sentence is perfect (up to 500 characters).")
            .Send("A kind message").AssertReply(Encouragement.CelebrateWin(1))
            .StartTestAsync();
        Assert.Equal(1, await h.RowCountAsync("win/"));
    }

    [Fact]
    public async Task Not_now_leaves_without_storing_anything()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("wins").SkipReplies()
            .Send("Not now").AssertReplyContains("What would you like to do?")
            .StartTestAsync();
        Assert.Equal(0, await h.RowCountAsync("win/"));
    }
}
