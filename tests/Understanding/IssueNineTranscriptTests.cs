using TrustBot.Journey;
using TrustBot.Testing;
using TrustBot.Tests.Journey;

namespace TrustBot.Tests.Understanding;

/// <summary>The reproductions of issue 9 (items 2, 4 and 6), typed the way people type them.</summary>
public sealed class IssueNineTranscriptTests
{
    private const string Consent = "Would you like to begin?";

    private static TestFlow ToStep1DoneOrStay(JourneyHarness h) => h.Onboarded()
        .Send("step 1").SkipReplies()
        .Send("It broke something between us.").SkipReplies()
        .Send("7").SkipReplies()
        .Send("Yes").AssertEventuallyContains("mark step 1 as done");

    // Item 2: strict matching.

    [Fact]
    public async Task Ok_fine_at_consent_begins()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies()
            .Send("ok fine").AssertReply("Thank you. What should I call you?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Own_words_through_onboarding_set_the_role_breach_and_rhythm_they_name()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies()
            .Send("sure, let's do it").SkipReplies()
            .Send("Jo").AssertReplyContains("Nice to meet you, Jo")
            .Send("i was the one cheated on").AssertReplyContains("What broke the trust?")
            .Send("He lied about money. Hid debt.").AssertReply("Is your partner working on this too?")
            .Send("not really").AssertReplyContains("How often")
            .Send("Every day please, I want to stay accountable").AssertReplyContains("What time of day")
            .Send("seven pm").AssertReplyContains("time zone")
            .Send("London").AssertReplyContains("Here's what I have").AssertReplyContains("Shall we begin with step 1?")
            .Send("ok").AssertReplyContains("Step 1 is about")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal((PartnerRole.Hurt, BreachKind.Dishonesty, "Not yet", CheckInRhythm.Daily, new TimeOnly(19, 0)),
            (profile.Role, profile.Breach, profile.PartnerInvolved, profile.Rhythm, profile.ReminderTime));
    }

    [Fact]
    public async Task I_lied_about_money_is_dishonesty_for_the_partner_who_broke_trust()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies().Send("yes").SkipReplies().Send("Sam").SkipReplies()
            .Send("I broke it, I'm the one who lied").AssertReplyContains("What broke the trust?")
            .Send("I lied about money. Hid debt.").AssertReply("Is your partner working on this too?")
            .StartTestAsync();
        await h.Flow().Send("yes").SkipReplies().Send("no reminders").SkipReplies().StartTestAsync();
        Assert.Equal((PartnerRole.Repairing, BreachKind.Dishonesty), ((await h.ProfileAsync())!.Role, (await h.ProfileAsync())!.Breach));
    }

    [Fact]
    public async Task A_sentence_at_the_check_in_is_read_for_its_answer()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("check in").SkipReplies()
            .Send("about a six").AssertReplyContains("How has communication")
            .Send("Better, she actually talked to me at breakfast").AssertReplyContains("small win")
            .StartTestAsync();
    }

    [Fact]
    public async Task Yes_mark_it_done_marks_the_step_done()
    {
        var h = new JourneyHarness();
        await ToStep1DoneOrStay(h).Send("yes mark it done").AssertReplyContains("Step 1 is marked as done").StartTestAsync();
        Assert.Contains(1, (await h.ProfileAsync())!.StepsDone);
    }

    [Fact]
    public async Task Step_three_in_words_opens_step_3_and_a_question_mark_opens_help()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("?").AssertReplyContains("Here's what you can type").AssertReplyContains("What would you like to do?")
            .Send("the third step").AssertReplyContains("Step 3")
            .StartTestAsync();
    }

    [Fact]
    public async Task Two_options_in_one_answer_are_asked_about()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("check in").SkipReplies()
            .Send("6").SkipReplies()
            .Send("better at first, then worse again").AssertReplyContains("did you mean \"Better\" or \"Worse\"?")
            .Send("worse").AssertReplyContains("small win")
            .StartTestAsync();
    }

    // Item 4: free text where a button is expected.

    [Fact]
    public async Task A_privacy_question_at_consent_is_answered_then_consent_asked_again()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hello").SkipReplies()
            .Send("is this confidential? does my partner see this?")
                .AssertReplyContains("never send it to anyone else (your partner included)")
                .AssertReply(Consent)
            .Send("ok, yes").AssertReply("Thank you. What should I call you?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Thanks_and_hi_get_a_human_reply_and_the_question_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("reminders").AssertReplyContains("How often")
            .Send("thank you so much, this actually helped a lot").AssertReplyContains("glad it helped").AssertReplyContains("How often")
            .Send("hi").AssertReply("Hi Sam! Good to hear from you.").AssertReplyContains("How often")
            .Send("what can you do").AssertReplyContains("Here's what you can type").AssertReplyContains("How often")
            .StartTestAsync();
    }

    [Fact]
    public async Task Free_text_at_the_menu_is_acknowledged_and_the_fitting_step_offered()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("I think Jen wants to try talking tonight, what should I say?")
                .AssertReplyContains("Step 2, Open communication")
                .AssertReply(a => TestFlow.ButtonsOf(a) is [ "Open Step 2: Open communication", .. ] && !TestFlow.TextOf(a).Contains("Pick one", StringComparison.Ordinal), "the menu with step 2 first")
            .Send("step 2").AssertReplyContains("Step 2")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_hi_at_the_name_question_is_a_greeting_not_a_name()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hello").SkipReplies()
            .Send("yes").SkipReplies()
            .Send("hi").AssertReplyContains("Good to hear from you").AssertReply("Thank you. What should I call you?")
            .Send("Alex").AssertReplyContains("Nice to meet you, Alex")
            .StartTestAsync();
    }

    // Item 6: navigation.

    [Fact]
    public async Task Continue_at_mark_as_done_or_stay_moves_on_instead_of_restarting_the_step()
    {
        var h = new JourneyHarness();
        await ToStep1DoneOrStay(h).Send("continue").AssertReplyContains("Step 1 is marked as done").StartTestAsync();
        Assert.DoesNotContain(h.Adapter.Sent.TakeLast(3), a => TestFlow.TextOf(a).Contains("Step 1 is about", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Step_9_says_there_are_eight_steps()
    {
        var h = new JourneyHarness();
        await h.Onboarded().Send("step 9").AssertReply("There are eight steps, numbered 1 to 8.").AssertReplyContains("Which step").StartTestAsync();
    }

    [Fact]
    public async Task Menu_please_inside_a_check_in_opens_the_menu()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("check in").SkipReplies()
            .Send("menu please").AssertReply(a => TestFlow.ButtonsOf(a).Contains("Check in"), "the menu")
            .StartTestAsync();
    }

    [Fact]
    public async Task Cancel_with_nothing_open_does_not_claim_to_set_anything_aside()
    {
        var h = new JourneyHarness();
        await h.Onboarded().Send("cancel").AssertReply(a => a.Text == "There's nothing to cancel right now. What would you like to do?", "no \"set that aside\"").StartTestAsync();
    }

    [Fact]
    public async Task Cancel_mid_onboarding_resumes_onboarding_on_the_next_message()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hello").SkipReplies()
            .Send("yes").SkipReplies()
            .Send("Sam").SkipReplies()
            .Send("cancel").AssertReplyContains("pause the set-up")
            .Send("menu").AssertReplyContains("finish setting things up").AssertReplyContains("What should I call you?")
            .Send("Sam").SkipReplies().Send("both").SkipReplies().Send("something else").SkipReplies().Send("yes").SkipReplies()
            .Send("once a week").SkipReplies().Send("9am").SkipReplies().Send("Berlin").AssertEventuallyContains("Shall we begin with step 1?")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.True(profile.OnboardingDone);
        Assert.Equal((PartnerRole.Both, CheckInRhythm.Weekly), (profile.Role, profile.Rhythm));
    }

    [Fact]
    public async Task Change_my_name_is_a_command_that_never_fails()
    {
        var h = new JourneyHarness();
        await h.Onboarded().Send("change my name").AssertReply(a => TestFlow.TextOf(a).Length > 0 && !TestFlow.TextOf(a).Contains("Pick one", StringComparison.Ordinal), "a settings answer").StartTestAsync();
    }
}
