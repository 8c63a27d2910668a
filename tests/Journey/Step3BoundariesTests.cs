using TrustBot.Journey;
using TrustBot.Journey.Steps;

namespace TrustBot.Tests.Journey;

public sealed class Step3BoundariesTests
{
    [Fact]
    public async Task Two_boundaries_are_written_agreed_and_stored_as_editable_rows()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .Send("step 3").AssertReplyContains("Step 3 is about clear boundaries").AssertReplyContains("What is one behaviour that is not OK for you?")
            .Send("Deleting messages before I can see them").AssertReplyContains("what is the agreed consequence")
            .Send("We sit down and talk it through the same day").AssertReply(a => a.Text!.Contains("That's 1 so far") && a.Text.Contains("add another?"), "the add-another question")
            .Send("yes").AssertReply("What's the next behaviour that is not OK?")
            .Send("Staying out late without a message").SkipReplies()
            .Send("We take an evening apart to cool off").AssertReplyContains("That's 2 so far")
            .Send("no").AssertReply("Have you both agreed to these boundaries?")
            .Send("Yes, we both agreed").AssertReplyContains("Saved. Agreeing on them together")
                .AssertReplyContains("Type \"boundaries\" any time")
                .AssertReplyContains("mark step 3 as done")
            .Send("Mark as done").AssertReplyContains("Step 3 is marked as done").SkipReplies()
            .StartTestAsync();

        var rows = await h.BoundariesAsync();
        Assert.Equal(["boundary/0001", "boundary/0002"], rows.Select(r => r.Row));
        Assert.Equal(("Deleting messages before I can see them", "We sit down and talk it through the same day"), (rows[0].Record.Behaviour, rows[0].Record.Consequence));
        Assert.All(rows, r => Assert.True(r.Record.AgreedByBoth));
        var profile = (await h.ProfileAsync())!;
        Assert.Equal(2, profile.BoundaryCount);
        Assert.Contains(3, profile.StepsDone);
    }

    [Fact]
    public async Task Agreement_never_answered_is_said_to_be_saved_as_not_agreed_yet()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 3").SkipReplies()
            .Send("Lying about where I am").SkipReplies()
            .Send("We tell each other the same evening").SkipReplies()
            .Send("no").AssertReply("Have you both agreed to this boundary?")
            .Send("purple").AssertReplyContains("if you've talked them through together")
            .Send("hmm").AssertReplyContains("if you've talked them through together")
            .Send("whatever").AssertReplyContains("I didn't catch whether you've both agreed, so I've saved them as not agreed yet")
            .StartTestAsync();
        Assert.False(Assert.Single(await h.BoundariesAsync()).Record.AgreedByBoth);
    }

    [Fact]
    public async Task Behaviour_longer_than_300_characters_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 3").SkipReplies()
            .Send(new string('x', 301)).AssertReplyContains("up to 300 characters")
            .Send("Going through my phone").AssertReplyContains("what is the agreed consequence")
            .StartTestAsync();
    }

    [Fact]
    public async Task Unclear_answer_to_add_another_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 3").SkipReplies()
            .Send("Lying about where I am").SkipReplies()
            .Send("We tell each other the same evening").SkipReplies()
            .Send("banana").AssertReplyContains("Would you like to add another boundary?")
            .Send("no").AssertReply("Have you both agreed to this boundary?")
            .Send("Not yet").AssertReplyContains("Boundaries work best when you both agree")
            .StartTestAsync();
        Assert.False(Assert.Single(await h.BoundariesAsync()).Record.AgreedByBoth);
    }

    [Fact]
    public async Task Existing_boundaries_count_toward_the_limit_of_20()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.SeedBoundariesAsync(Enumerable.Range(1, 19).Select(i => ($"Behaviour {i}", $"Consequence {i}")).ToArray());
        await h.Flow()
            .Send("step 3").SkipReplies()
            .Send("Hiding purchases").SkipReplies()
            .Send("We review the account together").AssertReplyContains("That makes 20, the most I keep")
                .AssertReply("Have you both agreed to this boundary?")
            .Send("yes").SkipReplies()
            .StartTestAsync();
        var rows = await h.BoundariesAsync();
        Assert.Equal(20, rows.Count);
        Assert.Equal(("boundary/0020", "Hiding purchases"), (rows[^1].Row, rows[^1].Record.Behaviour));
        Assert.Equal(20, (await h.ProfileAsync())!.BoundaryCount);
    }

    [Fact]
    public async Task With_20_boundaries_no_more_are_asked_for()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.SeedBoundariesAsync(Enumerable.Range(1, 20).Select(i => ($"Behaviour {i}", $"Consequence {i}")).ToArray());
        await h.Flow()
            .Send("step 3").SkipReplies()
            .StartTestAsync();
        Assert.Contains(h.AllSentText(), t => t.Contains("You already have 20 boundaries"));
        Assert.DoesNotContain(h.AllSentText(), t => t.Contains("behaviour that is not OK for you"));
    }

    [Fact]
    public async Task Repairing_partner_hears_that_keeping_boundaries_shows_commitment()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 3").AssertReplyContains("one of the clearest ways to show your partner you're committed")
            .StartTestAsync();
    }
}
