using TrustBot.Journey;

namespace TrustBot.Tests.Journey;

public sealed class OnboardingTests
{
    [Fact]
    public async Task First_message_from_a_stranger_gets_the_welcome_and_a_consent_question()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hello")
            .AssertReplyContains("not a therapist")
            .AssertReply("Would you like to begin?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Consent_question_offers_yes_and_not_now()
    {
        var h = new JourneyHarness();
        await h.Flow().Send("hello").SkipReplies().StartTestAsync();
        h.Adapter.ClearReplies();
        var last = h.Adapter.Sent[^1];
        Assert.Equal(["Yes", "Not now"], Testing.TestFlow.ButtonsOf(last));
    }

    [Fact]
    public async Task Full_onboarding_reads_like_a_conversation_and_stores_the_profile()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .SendConversationUpdate().AssertReplyContains("Hi, I'm TrustBot").AssertReply("Would you like to begin?")
            .Send("Yes").AssertReply("Thank you. What should I call you?")
            .Send("Sam").AssertReplyContains("Nice to meet you, Sam")
            .Send("I broke the trust").AssertReplyContains("What broke the trust?")
            .Send("dishonesty").AssertReply("Is your partner working on this too?")
            .Send("not yet").AssertReply("How often would you like me to check in with you?")
            .Send("every day").AssertReplyContains("What time of day suits you")
            .Send("evening").AssertReplyContains("Which time zone are you in?")
            .Send("Berlin").AssertReplyContains("Here's what I have").AssertReply("You can change any of this later. Shall we begin with step 1?")
            .StartTestAsync();

        var profile = await h.ProfileAsync();
        Assert.NotNull(profile);
        Assert.Equal(("Sam", PartnerRole.Repairing, BreachKind.Dishonesty, CheckInRhythm.Daily), (profile.Name, profile.Role, profile.Breach, profile.Rhythm));
        Assert.Equal((new TimeOnly(19, 0), "Europe/Berlin"), (profile.ReminderTime, profile.TimeZone));
    }

    [Fact]
    public async Task Not_now_stores_only_the_consent_record()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies()
            .Send("Not now").AssertReplyContains("whenever you're ready")
            .StartTestAsync();
        Assert.Null(await h.ProfileAsync());
        var rows = await h.Storage.QueryAsync(h.Partition, "", 100, default);
        Assert.Equal(["consent"], rows.Select(r => r.Key.Row));
    }

    [Fact]
    public async Task Channel_time_zone_is_confirmed_instead_of_asked()
    {
        var h = new JourneyHarness();
        h.Adapter.Decorate = a => a.LocalTimezone = "America/Chicago";
        await h.Flow()
            .Send("hi").SkipReplies().Send("Yes").SkipReplies().Send("Ana").SkipReplies()
            .Send("I was hurt").SkipReplies().Send("Something else").SkipReplies().Send("I don't know").SkipReplies()
            .Send("once a week").SkipReplies()
            .Send("8am").AssertReply("It looks like your time zone is America/Chicago. Is that right?")
            .Send("yes").AssertReplyContains("Here's what I have")
            .StartTestAsync();
        Assert.Equal("America/Chicago", (await h.ProfileAsync())!.TimeZone);
    }

    [Fact]
    public async Task Unknown_time_zone_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies().Send("Yes").SkipReplies().Send("Ana").SkipReplies()
            .Send("I was hurt").SkipReplies().Send("Something else").SkipReplies().Send("I don't know").SkipReplies()
            .Send("every few days").SkipReplies().Send("19:30").SkipReplies()
            .Send("Atlantis").AssertReplyContains("I couldn't find that time zone")
            .Send("UTC+2").AssertReplyContains("Here's what I have")
            .StartTestAsync();
        Assert.Equal("UTC+02:00", (await h.ProfileAsync())!.TimeZone);
    }

    [Fact]
    public async Task Name_longer_than_50_characters_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies().Send("Yes").SkipReplies()
            .Send(new string('a', 51)).AssertReplyContains("1 to 50 characters")
            .Send("Ana").AssertReplyContains("Nice to meet you, Ana")
            .StartTestAsync();
    }

    [Fact]
    public async Task No_reminders_skips_time_and_time_zone()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies().Send("Yes").SkipReplies().Send("Ana").SkipReplies()
            .Send("both").SkipReplies().Send("Infidelity").SkipReplies().Send("Yes").SkipReplies()
            .Send("No reminders").AssertReplyContains("Here's what I have")
            .StartTestAsync();
    }

    [Fact]
    public async Task Show_me_the_menu_ends_onboarding_with_the_menu()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.Flow().Send("menu").AssertReply(a => Testing.TestFlow.ButtonsOf(a).Count == 8 && Testing.TestFlow.ButtonsOf(a)[0].StartsWith("Continue my journey: Step 1"), "the menu").StartTestAsync();
    }
}
