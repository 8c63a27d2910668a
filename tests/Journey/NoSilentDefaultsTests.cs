using TrustBot.Journey;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

/// <summary>Nothing is recorded that the person did not choose: missed answers leave items open and say so.</summary>
public sealed class NoSilentDefaultsTests
{
    [Fact]
    public async Task Consent_stays_open_while_the_person_never_answers_and_nothing_is_stored()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies()
            .Send("bananas").AssertReplyContains("\"Not now\" means I keep nothing")
            .Send("hmm").AssertReplyContains("\"Yes\" means")
            .Send("purple").AssertReplyContains("\"Yes\" means")
            .Send("tell me more first").AssertReplyContains("\"Yes\" means")
            .StartTestAsync();
        Assert.Equal(0, await h.RowCountAsync("consent"));
        Assert.Null(await h.ProfileAsync());

        await h.Flow().Send("yes").AssertReply("Thank you. What should I call you?").StartTestAsync();
    }

    [Fact]
    public async Task Partner_involvement_is_left_open_after_the_retries_not_set_to_i_dont_know()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies().Send("yes").SkipReplies().Send("Sam").SkipReplies().Send("i was hurt").SkipReplies().Send("dishonesty").SkipReplies()
            .Send("blue").AssertReplyContains("\"I don't know\" if you're not sure")
            .Send("green").SkipReplies()
            .Send("red").AssertReply(OnboardingDialog.LeftOpen)
            .AssertReply("How often would you like me to check in with you?")
            .Send("no reminders").AssertReplyContains("Not set yet")
            .StartTestAsync();
        Assert.Null((await h.ProfileAsync())!.PartnerInvolved);
    }

    [Fact]
    public async Task Skipping_the_name_and_role_leaves_them_open()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies().Send("ok").SkipReplies()
            .Send("skip").AssertReply("That's fine, you don't need to give me a name.").AssertReply("Which of these is closest to where you are?")
            .Send("not sure").AssertReplyContains("I'll leave this open")
            .StartTestAsync();
        await h.Flow().Send("skip").SkipReplies().Send("yes").SkipReplies().Send("no reminders").SkipReplies().Send("menu").SkipReplies().StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Null(profile.Name);
        Assert.Equal((PartnerRole.Unknown, BreachKind.Unknown), (profile.Role, profile.Breach));
    }

    [Fact]
    public async Task A_reminder_time_never_understood_holds_reminders_instead_of_guessing_seven_pm()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies().Send("yes").SkipReplies().Send("Sam").SkipReplies().Send("i was hurt").SkipReplies()
            .Send("dishonesty").SkipReplies().Send("yes").SkipReplies().Send("every day").SkipReplies()
            .Send("whenever").SkipReplies().Send("some point").SkipReplies().Send("any").SkipReplies()
            .Send("when i can").AssertReply(OnboardingDialog.HeldReminders)
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal(CheckInRhythm.None, profile.Rhythm);
        Assert.Null(profile.ReminderTime);
    }

    [Fact]
    public async Task Check_in_communication_not_sure_is_stored_as_no_answer_not_the_same()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("check in").SkipReplies().Send("6").SkipReplies()
            .Send("purple").AssertReply(a => a.Text!.Contains("If you can't say, choose \"Not sure\"")
                && TestFlow.ButtonsOf(a).SequenceEqual(["Better", "About the same", "Worse", "Not sure"]), "a retry that says what the options mean")
            .Send("not sure").AssertReplyContains("small win")
            .Send("skip").SkipReplies().Send("skip").SkipReplies()
            .StartTestAsync();
        var record = Assert.Single(await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord));
        Assert.Null(record.Communication);
    }

    [Fact]
    public async Task Check_in_communication_with_no_answer_after_the_retries_is_not_recorded_as_the_same()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("check in").SkipReplies().Send("6").SkipReplies()
            .Send("purple").SkipReplies().Send("hmm maybe").SkipReplies().Send("blah").AssertReplyContains("small win")
            .Send("skip").SkipReplies().Send("skip").SkipReplies()
            .StartTestAsync();
        Assert.Null(Assert.Single(await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord)).Communication);
    }

    [Fact]
    public async Task Reminders_left_unanswered_change_nothing()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("reminders").SkipReplies()
            .Send("purple").SkipReplies().Send("blue").SkipReplies().Send("green").SkipReplies()
            .Send("red").AssertReply("Nothing has changed. Check-ins: Every day at 19:00 (Europe/London).")
            .StartTestAsync();
        Assert.Equal(CheckInRhythm.Daily, (await h.ProfileAsync())!.Rhythm);
    }
}
