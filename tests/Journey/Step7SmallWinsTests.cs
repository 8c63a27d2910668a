using TrustBot.Journey;

namespace TrustBot.Tests.Journey;

public sealed class Step7SmallWinsTests
{
    [Fact]
    public async Task Win_is_logged_celebrated_and_listed_then_the_step_closes()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .Send("step 7").AssertReplyContains("Trust comes back gradually")
            .AssertReply("What's one small win from the last few days? It can be tiny.")
            .Send("We had a calm talk about money").AssertReply(a => a.Text!.Contains(Encouragement.CelebrateWin(1))
                && a.Text.Contains("Your recent wins:") && a.Text.Contains("2 Nov: We had a calm talk about money"), "a celebration with the recent wins")
            .AssertReplyContains("I'll keep them")
            .AssertReplyContains("mark step 7 as done")
            .Send("Mark as done").AssertReplyContains("Step 7 is marked as done")
            .StartTestAsync();

        var profile = (await h.ProfileAsync())!;
        Assert.Equal((1, "We had a calm talk about money"), (profile.WinCount, profile.LastWin));
        Assert.Contains(7, profile.StepsDone);
        Assert.Equal("We had a calm talk about money", Assert.Single(await h.RecordsAsync("win", JourneyJson.Default.WinRecord)).Text);
    }

    [Fact]
    public async Task Overlong_win_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 7").SkipReplies()
            .Send(new string('a', 501)).AssertReply("A short sentence is perfect (up to 500 characters).")
            .Send("A hug at the door").AssertReplyContains("Your recent wins:")
            .StartTestAsync();
        Assert.Equal(1, await h.RowCountAsync("win/"));
    }

    [Fact]
    public async Task Repairing_partner_is_reminded_of_the_effort_their_partner_makes()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 7").AssertReplyContains("including the effort your partner is making")
            .StartTestAsync();
    }
}
