using TrustBot.Journey;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

/// <summary>Non-answers are recognised and never stored as wins, statements or final drafts.</summary>
public sealed class NonAnswerTests
{
    [Theory]
    [InlineData("none", nameof(NonAnswerKind.Nothing))]
    [InlineData("Nothing.", nameof(NonAnswerKind.Nothing))]
    [InlineData("n/a", nameof(NonAnswerKind.Nothing))]
    [InlineData("not really", nameof(NonAnswerKind.Nothing))]
    [InlineData("there arent any", nameof(NonAnswerKind.Nothing))]
    [InlineData("There aren't any", nameof(NonAnswerKind.Nothing))]
    [InlineData("cant think of anything", nameof(NonAnswerKind.Nothing))]
    [InlineData("idk", nameof(NonAnswerKind.NotSure))]
    [InlineData("i dont know", nameof(NonAnswerKind.NotSure))]
    [InlineData("?", nameof(NonAnswerKind.NotSure))]
    [InlineData("skip", nameof(NonAnswerKind.Skip))]
    [InlineData("Skip it", nameof(NonAnswerKind.Skip))]
    [InlineData("next", nameof(NonAnswerKind.Skip))]
    [InlineData("Not now", nameof(NonAnswerKind.Skip))]
    [InlineData("not right now", nameof(NonAnswerKind.Skip))]
    [InlineData("pass", nameof(NonAnswerKind.Skip))]
    [InlineData("no thanks", nameof(NonAnswerKind.Skip))]
    [InlineData("i already did this", nameof(NonAnswerKind.AlreadyDone))]
    [InlineData("I already did this.", nameof(NonAnswerKind.AlreadyDone))]
    [InlineData("what did I write last time?", nameof(NonAnswerKind.AskedForEarlier))]
    [InlineData("what did i say before", nameof(NonAnswerKind.AskedForEarlier))]
    [InlineData("show me my last draft", nameof(NonAnswerKind.AskedForEarlier))]
    [InlineData("what counts as a win?", nameof(NonAnswerKind.Question))]
    public void Non_answers_are_recognised(string text, string kind) => Assert.Equal(Enum.Parse<NonAnswerKind>(kind), NonAnswers.Classify(text));

    [Theory]
    [InlineData("We laughed together at dinner")]
    [InlineData("I lied about money. Hid debt.")]
    [InlineData("i feel sad when plans change because i worry")]
    [InlineData("nothing felt wrong today, we talked for an hour")]
    [InlineData("No shouting this week")]
    [InlineData("why does it still hurt so much after all this time, even when he is trying")]
    public void Real_answers_are_content(string text) => Assert.True(NonAnswers.IsContent(text));

    [Fact]
    public async Task There_arent_any_is_not_logged_as_a_win()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("wins").SkipReplies().Send("Log a win").SkipReplies()
            .Send("there arent any").AssertReply(a => a.Text!.Contains("nothing to note") && !a.Text.Contains("Lovely"), "a kind reply that celebrates nothing")
            .StartTestAsync();
        Assert.Empty(await h.RecordsAsync("win", JourneyJson.Default.WinRecord));
        Assert.Equal(0, (await h.ProfileAsync())!.WinCount);
    }

    [Fact]
    public async Task A_question_at_the_win_prompt_gets_an_answer_and_the_question_stays_open()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 7").SkipReplies()
            .Send("what counts as a win?").AssertReply(NonAnswers.QuestionReply).AssertReplyContains("A short sentence is perfect")
            .Send("she held my hand").AssertReplyContains("Your recent wins")
            .StartTestAsync();
        Assert.Equal("she held my hand", Assert.Single(await h.RecordsAsync("win", JourneyJson.Default.WinRecord)).Text);
    }

    [Fact]
    public async Task I_already_did_this_is_not_stored_as_the_step_2_statement()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 2").SkipReplies()
            .Send("i already did this").AssertReplyContains("You haven't written anything here yet").AssertReplyContains("or type skip")
            .Send("skip").AssertReplyContains("Nothing is saved")
            .StartTestAsync();
        Assert.Empty(await h.RecordsAsync("journal", JourneyJson.Default.JournalEntry));
    }

    [Fact]
    public async Task Revisiting_step_2_shows_the_earlier_statement_and_what_did_i_write_shows_it_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 2").SkipReplies().Send("I feel worried when the phone is face down because it reminds me").SkipReplies()
            .Send("menu").SkipReplies()
            .Send("step 2").AssertEventuallyContains("> I feel worried when the phone is face down")
            .SkipReplies()
            .Send("what did I write last time?").AssertReplyContains("> I feel worried when the phone is face down").AssertReplyContains("I feel")
            .StartTestAsync();
        Assert.Single(await h.RecordsAsync("journal", JourneyJson.Default.JournalEntry));
    }

    [Fact]
    public async Task What_did_i_write_last_time_is_not_stored_as_the_final_apology()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 4").SkipReplies()
            .Send("what did I write last time?").AssertReplyContains("You haven't written anything here yet").SkipReplies()
            .Send("idk").AssertReplyContains("Not being sure is an honest answer")
            .StartTestAsync();
        Assert.Empty(await h.RecordsAsync(RecordKinds.Apology, JourneyJson.Default.ApologyDraft));
    }

    [Fact]
    public async Task Nothing_at_the_check_in_win_is_not_a_win()
    {
        var h = new JourneyHarness();
        await h.Onboarded().CheckIn("6", win: "there arent any", setback: "nothing").StartTestAsync();
        Assert.Empty(await h.RecordsAsync("win", JourneyJson.Default.WinRecord));
        var record = Assert.Single(await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord));
        Assert.False(record.HadWin);
        Assert.False(record.HadSetback);
    }

    [Theory]
    [InlineData("not now", "pass")]
    [InlineData("Skip it", "next")]
    [InlineData("nope", "idk")]
    public async Task Sloppy_skips_at_the_check_in_store_no_win_and_no_setback(string win, string setback)
    {
        var h = new JourneyHarness();
        await h.Onboarded().CheckIn("6", win: win, setback: setback).StartTestAsync();
        Assert.Empty(await h.RecordsAsync("win", JourneyJson.Default.WinRecord));
        var record = Assert.Single(await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord));
        Assert.Equal((false, false), (record.HadWin, record.HadSetback));
    }

    [Fact]
    public async Task A_win_can_be_removed()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("wins").SkipReplies().Send("Log a win").SkipReplies().Send("we went for a walk").SkipReplies().Advance(h, TimeSpan.FromHours(1))
            .Send("wins").SkipReplies().Send("Log a win").SkipReplies().Send("typo win").SkipReplies()
            .Send("wins").AssertReplyContains("typo win")
            .AssertReply(a => TestFlow.ButtonsOf(a).SequenceEqual(["Log a win", "Not now", "Remove a win"]), "the choices with remove")
            .Send("remove a win").AssertReply(a => a.Text!.Contains("Which win should I remove?") && a.Text.Contains("1. typo win"), "the numbered wins")
            .Send("1").AssertReply("Removed. It's no longer in your small wins.")
            .StartTestAsync();
        Assert.Equal("we went for a walk", Assert.Single(await h.RecordsAsync("win", JourneyJson.Default.WinRecord)).Text);
        var profile = (await h.ProfileAsync())!;
        Assert.Equal((1, "we went for a walk"), (profile.WinCount, profile.LastWin));
    }
}
