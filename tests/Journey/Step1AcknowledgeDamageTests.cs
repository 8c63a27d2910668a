using TrustBot.Journey;
using TrustBot.Journey.Steps;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

public sealed class Step1AcknowledgeDamageTests
{
    [Fact]
    public async Task Hurt_partner_writes_rates_and_answers_willingness_then_marks_the_step_done()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .Send("step 1").AssertReplyContains("Step 1 is about naming the damage").AssertReplyContains("write what happened and how it affected you")
            .Send("I found out about the lies last month and I have felt unsteady ever since.")
                .AssertReplyContains("saved in your private journal")
                .AssertReplyContains("On a scale from 1 to 10")
            .Send("8").AssertReplyContains("heavy weight")
                .AssertReply(a => a.Text == "Are you both willing to work through this?"
                    && TestFlow.ButtonsOf(a).SequenceEqual(["Yes", "I am, not sure about my partner", "Not sure"]), "the willingness question with its three answers")
            .Send("I am, not sure about my partner").AssertReplyContains("Your own willingness counts")
                .AssertReplyContains("trust isn't rebuilt overnight")
                .AssertReplyContains("mark step 1 as done")
            .Send("Mark as done").AssertReplyContains("Step 1 is marked as done").AssertReplyContains("What would you like to do?")
            .StartTestAsync();

        var journal = Assert.Single(await h.JournalAsync());
        Assert.Equal((1, AcknowledgeDamageDialog.JournalTopic), (journal.Record.Step, journal.Record.Topic));
        Assert.StartsWith("I found out about the lies", journal.Record.Text);
        var profile = (await h.ProfileAsync())!;
        Assert.Equal((8, "me-only"), (profile.DamageRating, profile.Willingness));
        Assert.Contains(1, profile.StepsDone);
    }

    [Fact]
    public async Task Damage_rating_outside_1_to_10_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 1").SkipReplies()
            .Send("It broke something between us.").SkipReplies()
            .Send("11").AssertReply("Please answer with a whole number from 1 to 10.")
            .Send("0").AssertReply("Please answer with a whole number from 1 to 10.")
            .Send("six").AssertReplyContains("middle ground").AssertReplyContains("Are you both willing")
            .StartTestAsync();
        Assert.Equal(6, (await h.ProfileAsync())!.DamageRating);
    }

    [Fact]
    public async Task Repairing_partner_is_asked_what_they_did_and_how_it_affected_their_partner()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 1").AssertReplyContains("look squarely at what you did")
                .AssertReplyContains("write what you did and how it affected your partner")
            .StartTestAsync();
    }

    [Fact]
    public async Task Both_partners_are_asked_how_it_affected_each_of_them()
    {
        var h = new JourneyHarness();
        await h.Onboarded("We're both working on it")
            .Send("step 1").AssertReplyContains("when you both see clearly")
                .AssertReplyContains("how it affected each of you")
            .StartTestAsync();
    }

    [Fact]
    public async Task Skipping_the_journal_stores_no_entry_and_staying_keeps_the_step_open()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 1").SkipReplies()
            .Send("skip").AssertReplyContains("whenever you're ready").AssertReplyContains("On a scale from 1 to 10")
            .Send("3").SkipReplies()
            .Send("Not sure").AssertReplyContains("Not being sure is an honest answer").SkipReplies()
            .Send("Stay on this step").AssertReplyContains("no rush").SkipReplies()
            .StartTestAsync();
        Assert.Empty(await h.JournalAsync());
        var profile = (await h.ProfileAsync())!;
        Assert.DoesNotContain(1, profile.StepsDone);
        Assert.Equal("not-sure", profile.Willingness);
    }

    [Fact]
    public async Task Unclear_willingness_answer_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 1").SkipReplies().Send("skip").SkipReplies().Send("5").SkipReplies()
            .Send("purple").AssertReplyContains("Pick the one closest to how things stand")
            .Send("yes").AssertReplyContains("shared willingness")
            .StartTestAsync();
    }
}
