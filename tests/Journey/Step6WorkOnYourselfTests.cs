using TrustBot.Journey;

namespace TrustBot.Tests.Journey;

public sealed class Step6WorkOnYourselfTests
{
    [Fact]
    public async Task Reflection_commitment_and_support_ideas_are_stored_and_shown()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 6").AssertReplyContains("looking honestly at yourself")
            .AssertReplyContains("hiding things when you feel ashamed")
            .Send("I go quiet and hide my phone when I feel guilty").AssertReplyContains("What's one concrete thing you'll do this week")
            .Send("Leave my phone on the table in the evenings").AssertReplyContains("I'll ask you how it went at your next check-in")
            .Send("Yes, please").AssertReplyContains("licensed couples therapist")
            .AssertReplyContains("Change you make for its own sake")
            .AssertReply("Would you like to mark step 6 as done, or stay with it a while longer?")
            .Send("done").AssertReplyContains("Step 6 is marked as done")
            .StartTestAsync();

        var profile = (await h.ProfileAsync())!;
        Assert.Equal("Leave my phone on the table in the evenings", profile.WeeklyCommitment);
        Assert.Contains(6, profile.StepsDone);
        var entry = Assert.Single(await h.RecordsAsync("journal", JourneyJson.Default.JournalEntry));
        Assert.Equal((6, "pattern"), (entry.Step, entry.Topic));
    }

    [Fact]
    public async Task Too_short_commitment_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 6").SkipReplies()
            .Send("I shut down when I'm hurt").SkipReplies()
            .Send("ok").AssertReply("Write one small, concrete action in a short sentence (3 to 200 characters).")
            .Send(new string('x', 201)).AssertReplyContains("concrete action")
            .Send("Say one true feeling out loud each day").AssertReplyContains("next check-in")
            .Send("Not now").AssertReplyContains("Working on yourself isn't about fixing")
            .StartTestAsync();
        Assert.Equal("Say one true feeling out loud each day", (await h.ProfileAsync())!.WeeklyCommitment);
    }

    [Fact]
    public async Task Hurt_partner_wording_takes_no_blame_on_themselves()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .Send("step 6").AssertReplyContains("without taking on blame for what happened")
            .AssertReplyContains("going quiet instead of saying what hurts")
            .StartTestAsync();
    }

    [Fact]
    public async Task Commitment_from_step_6_is_asked_about_at_the_next_check_in()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 6").SkipReplies().Send("Checking up on them").SkipReplies()
            .Send("Ask instead of checking").SkipReplies().Send("Not now").SkipReplies().Send("Stay on this step").SkipReplies()
            .Send("check in").SkipReplies().Send("6").SkipReplies()
            .Send("About the same").AssertReplyContains("\"Ask instead of checking\". Did you do it?")
            .Send("Not yet").SkipReplies().Send("skip").SkipReplies()
            .Send("skip").AssertReplyContains("I'll keep your commitment for another week")
            .StartTestAsync();
        Assert.Equal("Ask instead of checking", (await h.ProfileAsync())!.WeeklyCommitment);
    }
}
