using TrustBot.Journey;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

public sealed class Step5SpaceTests
{
    [Fact]
    public async Task Hurt_partner_chooses_how_much_space_and_the_period_is_stored()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .Send("step 5").AssertReplyContains("Healing needs room")
            .AssertReply(a => a.Text == "How much space do you need right now?"
                && TestFlow.ButtonsOf(a).SequenceEqual(["A day", "A few days", "A week", "I'll say when"]), "the space question with four choices")
            .Send("A few days").AssertReplyContains("Your space period is set, until Thursday 5 November")
            .AssertReplyContains("What would help you look after yourself")
            .Send("Long walks and early nights").AssertReplyContains("Taking space isn't giving up")
            .AssertReply("Would you like to mark step 5 as done, or stay with it a while longer?")
            .Send("Mark as done").AssertReplyContains("Step 5 is marked as done")
            .StartTestAsync();

        var profile = (await h.ProfileAsync())!;
        Assert.Equal(h.Clock.GetUtcNow().AddDays(3), profile.SpaceUntil);
        Assert.False(profile.SpaceOpenEnded);
        Assert.Contains(5, profile.StepsDone);
        var entry = Assert.Single(await h.RecordsAsync("journal", JourneyJson.Default.JournalEntry));
        Assert.Equal((5, "space-self-care", "Long walks and early nights"), (entry.Step, entry.Topic, entry.Text));
    }

    [Fact]
    public async Task Unrecognised_space_length_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 5").SkipReplies()
            .Send("a fortnight maybe").AssertReply("Pick one of these: a day, a few days, a week, or \"I'll say when\".")
            .Send("I'll say when").AssertReplyContains("until you say it's over")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.True(profile.SpaceOpenEnded);
        Assert.Null(profile.SpaceUntil);
    }

    [Fact]
    public async Task Repairing_partner_respects_space_and_writes_what_to_do_instead_of_pushing()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 5").AssertReply(a => a.Text!.Contains("Respecting that") && a.Text.Contains("I want to rebuild us"), "the repairing explanation")
            .AssertReply("How long did your partner ask for?")
            .Send("A week").AssertReplyContains("until Monday 9 November")
            .AssertReplyContains("what will you do instead?")
            .Send("Go for a run and write in my notebook")
            .AssertReplyContains("Holding back when you'd rather fix things")
            .AssertReplyContains("mark step 5 as done")
            .Send("Stay on this step").AssertReplyContains("no rush")
            .StartTestAsync();

        var profile = (await h.ProfileAsync())!;
        Assert.Equal(h.Clock.GetUtcNow().AddDays(7), profile.SpaceUntil);
        Assert.DoesNotContain(5, profile.StepsDone);
        var entry = Assert.Single(await h.RecordsAsync("journal", JourneyJson.Default.JournalEntry));
        Assert.Equal(("space-instead-of-pushing", "Go for a run and write in my notebook"), (entry.Topic, entry.Text));
    }

    [Fact]
    public async Task Couple_working_on_it_together_gets_both_parts()
    {
        var h = new JourneyHarness();
        await h.Onboarded("We're both working on it")
            .Send("step 5").AssertReplyContains("for both of you")
            .AssertReply("How much space do you need right now?")
            .Send("A day").SkipReplies()
            .StartTestAsync();
        Assert.Equal(h.Clock.GetUtcNow().AddDays(1), (await h.ProfileAsync())!.SpaceUntil);
        Assert.Contains("When either of you feels the urge to push", TestFlow.TextOf(h.Adapter.Sent[^1]));
    }

    [Fact]
    public async Task Opening_step_5_during_a_space_period_offers_to_end_it_early()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 5").SkipReplies().Send("A week").SkipReplies().Send("Reading").SkipReplies().Send("Stay on this step").SkipReplies()
            .Advance(h, TimeSpan.FromDays(2))
            .Send("step 5").AssertReply(a => a.Text!.StartsWith("You're in a space period right now, until Monday 9 November", StringComparison.Ordinal)
                && TestFlow.ButtonsOf(a).Contains("End the space period"), "the offer to end the space period")
            .Send("End the space period").AssertReplyContains("Your space period has ended")
            .StartTestAsync();

        var profile = (await h.ProfileAsync())!;
        Assert.Null(profile.SpaceUntil);
        Assert.False(profile.IsSpaceActive(h.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Leaving_the_space_period_as_it_is_changes_nothing()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 5").SkipReplies().Send("I'll say when").SkipReplies().Send("Rest").SkipReplies().Send("Stay on this step").SkipReplies()
            .Send("step 5").AssertReplyContains("until you say it's over")
            .Send("banana").AssertReplyContains("End the space period")
            .Send("Leave it as it is").AssertReply("Alright, your space period stays as it is.")
            .StartTestAsync();
        Assert.True((await h.ProfileAsync())!.SpaceOpenEnded);
    }
}
