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
                && TestFlow.ButtonsOf(a).SequenceEqual(["A day", "A few days", "A week", "I'll say when", "We don't need space right now"]), "the space question with five choices")
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
            .Send("a fortnight maybe").AssertReply("A day, a few days or a week sets a space period of that length; \"I'll say when\" keeps it open until you end it; \"We don't need space right now\" sets none. If you're not sure yet, type skip and I'll leave it open.")
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

    [Fact]
    public async Task We_dont_need_space_sets_no_period_and_the_step_can_be_marked_done()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 5").SkipReplies()
            .Send("we dont need space").AssertReplyContains("no space period for now")
            .AssertReply("Would you like to mark step 5 as done, or stay with it a while longer?")
            .Send("mark as done").AssertReplyContains("Step 5 is marked as done")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Null(profile.SpaceUntil);
        Assert.False(profile.SpaceOpenEnded);
        Assert.Contains(5, profile.StepsDone);
        Assert.Empty(await h.RecordsAsync("journal", JourneyJson.Default.JournalEntry));
    }

    [Fact]
    public async Task Running_out_of_retries_sets_no_space_period_and_says_so()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 5").SkipReplies()
            .Send("a fortnight maybe").SkipReplies()
            .Send("hmm a month").SkipReplies()
            .Send("whenever really").AssertReply("I'll leave this open: no space period is set. You can set one any time by opening step 5 again.")
            .AssertReplyContains("mark step 5 as done")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.False(profile.SpaceOpenEnded);
        Assert.Null(profile.SpaceUntil);
    }

    [Fact]
    public async Task Not_sure_leaves_the_length_open_instead_of_choosing_one()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 5").SkipReplies()
            .Send("not sure").AssertReplyContains("I'll leave this open")
            .StartTestAsync();
        Assert.False((await h.ProfileAsync())!.IsSpaceActive(h.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task During_an_open_ended_space_period_step_5_can_still_be_marked_done()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 5").SkipReplies().Send("ill say when").AssertReplyContains("until you say it's over").SkipReplies()
            .Send("long baths").SkipReplies().Send("Stay on this step").SkipReplies()
            .Send("step 5").AssertReply(a => TestFlow.ButtonsOf(a).SequenceEqual(["End the space period", "Set it again", "Leave it as it is", "Mark step 5 as done"]), "the space period choices with mark as done")
            .Send("mark it done").AssertReplyContains("Step 5 is marked as done")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Contains(5, profile.StepsDone);
        Assert.True(profile.SpaceOpenEnded);
    }

    [Fact]
    public async Task Repairing_partner_is_offered_theyll_say_when_and_they_havent_asked()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 5").AssertReplyContains("Your partner may need time")
            .AssertReply(a => a.Text == "How long did your partner ask for?"
                && TestFlow.ButtonsOf(a).SequenceEqual(["A day", "A few days", "A week", "They'll say when", "They haven't asked for space"]), "the repairing length question")
            .Send("theyll say when").AssertReplyContains("until you say it's over")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_planned_talk_during_new_space_keeps_its_reminder_when_the_person_keeps_it()
    {
        var h = new JourneyHarness();
        var talk = h.Clock.GetUtcNow().AddDays(2);
        await h.Onboarded().StartTestAsync();
        await h.UpdateProfileAsync(p => p.PlannedTalkAt = talk);
        await h.Flow()
            .Send("step 5").SkipReplies()
            .Send("a week").AssertReplyContains("Your space period is set")
            .AssertReply(a => a.Text!.StartsWith("You have a talk planned for", StringComparison.Ordinal) && TestFlow.ButtonsOf(a).SequenceEqual(["Keep the talk", "Cancel the talk"]), "the question about the planned talk")
            .Send("keep it").AssertReply("The talk stays planned, and I'll still remind you about an hour before.")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal(talk, profile.PlannedTalkAt);
        var due = ReminderSchedule.Next(profile, talk.AddMinutes(-90), ReminderRules.Default);
        Assert.Equal((ProactiveKind.TalkReminder, talk.AddHours(-1)), (due!.Kind, due.DueAt));
    }

    [Fact]
    public async Task A_planned_talk_during_new_space_can_be_cancelled()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.UpdateProfileAsync(p => p.PlannedTalkAt = h.Clock.GetUtcNow().AddDays(2));
        await h.Flow()
            .Send("step 5").SkipReplies().Send("a week").SkipReplies()
            .Send("cancel the talk").AssertReplyContains("The planned talk is cancelled")
            .StartTestAsync();
        Assert.Null((await h.ProfileAsync())!.PlannedTalkAt);
    }
}

