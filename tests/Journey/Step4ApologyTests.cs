using TrustBot.Journey;
using TrustBot.Journey.Steps;

namespace TrustBot.Tests.Journey;

public sealed class Step4ApologyTests
{
    private const string WeakDraft = "I'm sorry if you were hurt, but you made me do it.";

    private const string SincereDraft =
        "I'm sorry that I lied to you about the money. I know it hurt you deeply and broke your trust. " +
        "It was my choice and I was wrong. From now on I will show you every statement.";

    [Fact]
    public async Task Repairing_partner_drafts_sees_the_check_revises_and_the_final_draft_is_stored_privately()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 4").AssertReplyContains("A sincere apology shows your partner").AssertReplyContains("Let's draft an apology")
            .Send(WeakDraft).AssertReply(a => a.Text!.Contains("○ Takes responsibility, without excuses")
                    && a.Text.Contains("⚠ \"sorry if\"") && a.Text.Contains("⚠ \"you made me\""), "feedback with the missing parts and the flagged phrases")
                .AssertReplyContains("Would you like to revise it")
            .Send("Revise it").AssertReply("Go ahead: write your revised apology.")
            .Send(SincereDraft).AssertReply(a => a.Text!.Contains("✓ Names what you did") && a.Text.Contains("✓ Acknowledges the hurt")
                    && a.Text.Contains("✓ Takes responsibility") && a.Text.Contains("✓ Commits to change") && a.Text.Contains("All four parts are there"), "feedback with all four parts")
                .AssertReplyContains("Are you happy with it")
            .Send("I'm happy with it").AssertReplyContains("Your final draft is saved privately").AssertReplyContains("mark step 4 as done")
            .Send("Mark as done").AssertReplyContains("Step 4 is marked as done").SkipReplies()
            .StartTestAsync();

        var draft = Assert.Single(await h.RowsAsync(RecordKinds.Apology, JourneyJson.Default.ApologyDraft)).Record;
        Assert.True(draft.Final);
        Assert.Equal(SincereDraft, draft.Text);
        Assert.Equal(["NamesAction", "AcknowledgesHurt", "TakesResponsibility", "CommitsToChange"], draft.ElementsPresent);
        Assert.Contains(4, (await h.ProfileAsync())!.StepsDone);
        // Private writing is never sent back.
        Assert.DoesNotContain(h.AllSentText(), t => t.Contains("show you every statement") || t.Contains("you made me do it"));
    }

    [Fact]
    public async Task Unclear_answer_to_happy_or_revise_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 4").SkipReplies()
            .Send("Sorry.").SkipReplies()
            .Send("perhaps tomorrow").AssertReply("Choose \"I'm happy with it\" or \"Revise it\".")
            .Send("keep").AssertReplyContains("Your final draft is saved privately")
            .StartTestAsync();
        Assert.Empty(Assert.Single(await h.RowsAsync(RecordKinds.Apology, JourneyJson.Default.ApologyDraft)).Record.ElementsPresent);
    }

    [Fact]
    public async Task Revisions_stop_after_the_fifth_draft_which_is_kept()
    {
        var h = new JourneyHarness();
        var flow = h.Onboarded("We're both working on it").Send("step 4").AssertReplyContains("each of you owning your part").SkipReplies();
        for (var round = 1; round < ApologyDialog.MaxRounds; round++)
            flow = flow.Send($"Sorry for round {round}.").SkipReplies().Send("Revise it").SkipReplies();
        await flow
            .Send("Sorry for the last round.").AssertReplyContains("That's 5 versions, a good place to pause")
                .AssertReplyContains("Your final draft is saved privately")
                .AssertReplyContains("mark step 4 as done")
            .StartTestAsync();
        var draft = Assert.Single(await h.RowsAsync(RecordKinds.Apology, JourneyJson.Default.ApologyDraft)).Record;
        Assert.Equal("Sorry for the last round.", draft.Text);
    }

    [Fact]
    public async Task Hurt_partner_says_what_they_need_and_whether_the_apology_felt_sincere()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .Send("step 4").AssertReplyContains("can't undo what happened").AssertReplyContains("What would you need to hear in an apology")
            .Send("That they understand how much it cost me, without excuses").AssertReply("Has your partner offered you an apology?")
            .Send("Partly").AssertReply("Did it feel sincere to you?")
            .Send("Not really").AssertReplyContains("It's okay that it didn't land")
                .AssertReplyContains("matched by actions")
                .AssertReplyContains("mark step 4 as done")
            .Send("Mark as done").SkipReplies()
            .StartTestAsync();

        var journal = await h.JournalAsync();
        Assert.Equal(2, journal.Count);
        Assert.Contains(journal, j => j.Record.Topic == ApologyDialog.NeedsTopic && j.Record.Text.StartsWith("That they understand", StringComparison.Ordinal));
        Assert.Contains(journal, j => j.Record.Topic == ApologyDialog.OfferedTopic && j.Record.Text == "Offered: partly. Felt sincere: not-really.");
        Assert.Empty(await h.RowsAsync(RecordKinds.Apology, JourneyJson.Default.ApologyDraft));
        Assert.Contains(4, (await h.ProfileAsync())!.StepsDone);
    }

    [Fact]
    public async Task Hurt_partner_without_an_apology_is_not_asked_about_sincerity()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .Send("step 4").SkipReplies()
            .Send("That they take it seriously").SkipReplies()
            .Send("purple").AssertReply("Please choose \"Yes\", \"No\" or \"Partly\".")
            .Send("No").AssertReplyContains("you don't owe anyone forgiveness")
            .StartTestAsync();
        Assert.DoesNotContain(h.AllSentText(), t => t.Contains("Did it feel sincere"));
        Assert.Contains(await h.JournalAsync(), j => j.Record.Text == "Offered: no.");
    }
}
