using TrustBot.Journey;

namespace TrustBot.Tests.Journey;

public sealed class Step8PatienceTests
{
    [Fact]
    public async Task Progress_review_shows_trend_steps_wins_and_setbacks_then_stores_the_plan()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .CheckIn("4", setback: "A tense weekend")
            .Advance(h, TimeSpan.FromDays(1))
            .CheckIn("7", win: "A walk together")
            .Send("step 8").AssertReplyContains("Rebuilding trust takes time")
            .AssertReply(a => a.Text!.Contains("Steps done: 0 of 8") && a.Text.Contains("Check-ins: 2 (streak 2)")
                && a.Text.Contains(JourneyReports.Sparkline([4, 7])) && a.Text.Contains("from 4 to 7")
                && a.Text.Contains("Small wins: 1") && a.Text.Contains("Setbacks: 1, and you kept going"), "the progress review")
            .AssertReplyContains("Setbacks are a normal part of rebuilding trust. A hard day doesn't erase")
            .Send("Remind myself of the walk and write it down").AssertReplyContains("Trust isn't something you owe")
            .AssertReplyContains("mark step 8 as done")
            .Send("Mark as done").AssertReplyContains("Step 8 is marked as done")
            .StartTestAsync();

        var plan = (await h.RecordsAsync("journal", JourneyJson.Default.JournalEntry)).Single(e => e.Step == 8);
        Assert.Equal(("after-a-setback", "Remind myself of the walk and write it down"), (plan.Topic, plan.Text));
        Assert.Contains(8, (await h.ProfileAsync())!.StepsDone);
    }

    [Fact]
    public async Task Overlong_plan_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 8").SkipReplies()
            .Send(new string('p', 2001)).AssertReply("Write a sentence or two (up to 2000 characters).")
            .Send("Breathe, then check in").AssertReplyContains("Trust isn't something you owe")
            .StartTestAsync();
    }

    [Fact]
    public async Task Review_without_check_ins_invites_one_and_wording_fits_the_repairing_partner()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 8").SkipReplies()
            .StartTestAsync();
        var texts = h.Adapter.Sent.TakeLast(2).Select(a => a.Text!).ToList();
        Assert.Contains("no check-ins yet", texts[0]);
        Assert.Contains("owning your part, without getting defensive", texts[1]);
    }
}
