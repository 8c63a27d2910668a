using TrustBot.Journey;
using TrustBot.Journey.Steps;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

public sealed class Step2OpenCommunicationTests
{
    // The harness clock starts on Monday 2 November 2026, 18:00 UTC (18:00 in London).
    [Fact]
    public async Task Statement_habit_and_planned_talk_are_stored_and_the_step_can_be_marked_done()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .Send("step 2").AssertReplyContains("Step 2 is about talking openly")
                .AssertReply(a => a.Text!.Contains("Listen actively") && a.Text.Contains("without blame") && a.Text.Contains("transparent") && a.Text.Contains("Don't interrupt or get defensive"), "the four tips")
                .AssertReplyContains("Write an \"I feel … when … because …\" statement")
            .Send("I feel lonely when we eat in silence because I miss our talks").AssertReplyContains("saved it privately")
                .AssertReply(a => a.Text == "Which one listening habit would you like to practise this week?" && TestFlow.ButtonsOf(a).Count == 4, "the habit question")
            .Send("Say back what I heard before replying").AssertReplyContains("Good choice. Would you like to plan a time to talk")
            .Send("Saturday 7pm").AssertReply("Planned: Saturday 7 November at 19:00. I'll remind you about an hour before.")
                .AssertReplyContains("To close this step")
                .AssertReplyContains("mark step 2 as done")
            .Send("Mark as done").AssertReplyContains("Step 2 is marked as done").SkipReplies()
            .StartTestAsync();

        var journal = Assert.Single(await h.JournalAsync());
        Assert.Equal((2, OpenCommunicationDialog.JournalTopic), (journal.Record.Step, journal.Record.Topic));
        var profile = (await h.ProfileAsync())!;
        Assert.Equal("Say back what I heard before replying", profile.ListeningHabit);
        var at = new DateTimeOffset(2026, 11, 7, 19, 0, 0, TimeSpan.Zero);
        Assert.Equal(at, profile.PlannedTalkAt);
        Assert.Equal(at, Assert.Single(await h.RowsAsync(RecordKinds.Talk, JourneyJson.Default.PlannedTalk)).Record.At);
        Assert.Contains(2, profile.StepsDone);
    }

    [Fact]
    public async Task Blaming_statement_is_sent_back_twice_then_accepted_with_a_gentle_note()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 2").SkipReplies()
            .Send("I feel angry because you always ignore me").AssertReply(a => a.Text!.Contains("I notice \"you always\"") && a.Text.Contains("rephrase"), "a request to rephrase that names the phrase")
            .Send("I feel hurt when you never call back").AssertReplyContains("I notice \"you never\"")
            .Send("It's your fault I feel this way").AssertReplyContains("I'll keep it as you wrote it")
                .AssertReplyContains("saved it privately")
                .AssertReplyContains("listening habit")
            .StartTestAsync();
        Assert.Equal("It's your fault I feel this way", Assert.Single(await h.JournalAsync()).Record.Text);
    }

    [Fact]
    public async Task Rephrased_statement_without_blame_is_accepted_without_a_note()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 2").SkipReplies()
            .Send("You never listen to me").AssertReplyContains("I notice \"you never\"")
            .Send("I feel unheard when I am interrupted because it seems my view doesn't count").AssertReplyContains("saved it privately")
            .StartTestAsync();
        Assert.DoesNotContain(h.AllSentText(), t => t.Contains("I'll keep it as you wrote it"));
    }

    [Fact]
    public async Task Talk_time_in_the_past_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 2").SkipReplies().Send("I feel calm when we walk because we talk more").SkipReplies()
            .Send("Let them finish before I answer").SkipReplies()
            .Send("today at 9am").AssertReplyContains("a day and time that's still ahead")
            .Send("whenever").AssertReplyContains("a day and time that's still ahead")
            .Send("in 2 days at 8pm").AssertReply("Planned: Wednesday 4 November at 20:00. I'll remind you about an hour before.")
            .StartTestAsync();
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 20, 0, 0, TimeSpan.Zero), (await h.ProfileAsync())!.PlannedTalkAt);
    }

    [Fact]
    public async Task Talk_time_is_read_in_the_persons_time_zone_and_stored_in_utc()
    {
        var h = new JourneyHarness();
        await h.OnboardedIn("I broke the trust", "Berlin")
            .Send("step 2").SkipReplies().Send("I feel nervous when we talk because I fear I'll say the wrong thing").SkipReplies()
            .Send("Put my phone away when we talk").SkipReplies()
            .Send("tomorrow at 18:00").AssertReplyContains("Planned: Tuesday 3 November at 18:00")
            .StartTestAsync();
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 17, 0, 0, TimeSpan.Zero), (await h.ProfileAsync())!.PlannedTalkAt);
    }

    [Fact]
    public async Task Without_a_known_time_zone_it_is_asked_before_the_talk_is_planned()
    {
        var h = new JourneyHarness();
        await h.OnboardedIn("I was hurt", city: null)
            .Send("step 2").SkipReplies().Send("I feel tired when we argue late because I can't sleep after").SkipReplies()
            .Send("Let them finish before I answer").SkipReplies()
            .Send("Saturday 7pm").AssertReplyContains("which time zone are you in?")
            .Send("Atlantis").AssertReplyContains("I couldn't find that time zone")
            .Send("Berlin").AssertReplyContains("Planned: Saturday 7 November at 19:00")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal("Europe/Berlin", profile.TimeZone);
        Assert.Equal(new DateTimeOffset(2026, 11, 7, 18, 0, 0, TimeSpan.Zero), profile.PlannedTalkAt);
    }

    [Theory]
    [InlineData("Skip")]
    [InlineData("skip it")]
    [InlineData("not now")]
    [InlineData("later")]
    [InlineData("nope")]
    [InlineData("idk")]
    public async Task Skip_plans_no_talk(string skip)
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 2").SkipReplies().Send("I feel hopeful when we laugh because it feels like us again").SkipReplies()
            .Send("2").SkipReplies()
            .Send(skip).AssertReplyContains("To close this step")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Null(profile.PlannedTalkAt);
        Assert.Equal("Say back what I heard before replying", profile.ListeningHabit);
        Assert.Empty(await h.RowsAsync(RecordKinds.Talk, JourneyJson.Default.PlannedTalk));
    }

    [Fact]
    public async Task During_a_space_period_no_talk_is_suggested()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.UpdateProfileAsync(p => p.SpaceUntil = h.Clock.GetUtcNow().AddDays(3));
        await h.Flow()
            .Send("step 2").SkipReplies().Send("I feel raw when it comes up because it is still new").SkipReplies()
            .Send("Ask a question instead of defending myself").AssertReply(a => a.Text!.Contains("let's not plan a talk yet") && a.Text.Contains("Step 6"), "a note that leans toward step 6")
                .AssertReplyContains("To close this step").AssertReplyContains("mark step 2 as done")
            .StartTestAsync();
        Assert.DoesNotContain(h.AllSentText(), t => t.Contains("plan a time to talk"));
    }

    [Fact]
    public async Task Unknown_listening_habit_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 2").SkipReplies().Send("I feel glad when you text because I know you're safe").SkipReplies()
            .Send("juggling").AssertReplyContains("Pick one of these habits")
            .StartTestAsync();
    }

    [Fact]
    public async Task Repairing_partner_hears_about_telling_the_truth_and_listening_without_defending()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust")
            .Send("step 2").AssertReplyContains("Your partner needs to hear the truth from you").SkipReplies()
            .StartTestAsync();
    }
}

public sealed class TalkTimeTests
{
    private static readonly DateTime MondayEvening = new(2026, 11, 2, 18, 0, 0);

    [Theory]
    [InlineData("Saturday 7pm", "2026-11-07 19:00")]
    [InlineData("on Saturday at 19:00", "2026-11-07 19:00")]
    [InlineData("tomorrow at 18:00", "2026-11-03 18:00")]
    [InlineData("tomorrow evening", "2026-11-03 19:00")]
    [InlineData("in 2 days at 8pm", "2026-11-04 20:00")]
    [InlineData("in two days at 8 pm", "2026-11-04 20:00")]
    [InlineData("today at 9pm", "2026-11-02 21:00")]
    [InlineData("Monday 7pm", "2026-11-02 19:00")]
    [InlineData("Monday 5pm", "2026-11-09 17:00")]
    [InlineData("next Monday 7pm", "2026-11-09 19:00")]
    [InlineData("14 November 19:00", "2026-11-14 19:00")]
    [InlineData("Nov 14 at 7.30pm", "2026-11-14 19:30")]
    [InlineData("2 January 10am", "2027-01-02 10:00")]
    [InlineData("in 3 hours", "2026-11-02 21:00")]
    public void Day_and_time_are_read_relative_to_local_now(string text, string expected)
    {
        Assert.True(TalkTime.TryParse(text, MondayEvening, out var local));
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), local);
    }

    [Theory]
    [InlineData("Saturday")]
    [InlineData("tomorrow at 7")]
    [InlineData("whenever")]
    [InlineData("31 February 10am")]
    [InlineData("")]
    public void Without_a_clear_day_and_time_nothing_is_read(string text) =>
        Assert.False(TalkTime.TryParse(text, MondayEvening, out _));

    [Fact]
    public void A_time_skipped_by_daylight_saving_moves_an_hour_on()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), TalkTime.ToUtc(new DateTime(2027, 3, 28, 2, 30, 0), berlin));
    }
}
