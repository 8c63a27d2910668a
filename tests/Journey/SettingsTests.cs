using TrustBot.Journey;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

/// <summary>"settings" and "change my name": any onboarding answer changed one at a time.</summary>
public sealed class SettingsTests
{
    [Fact]
    public async Task Change_my_name_goes_straight_to_the_name_question()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("change my name").AssertReply("Right now I call you Sam. What should I call you?")
            .Send("Samantha").AssertReply("Done. I'll call you Samantha. Type \"settings\" to change something else.")
            .AssertReplyContains("What would you like to do?")
            .StartTestAsync();
        Assert.Equal("Samantha", (await h.ProfileAsync())!.Name);
    }

    [Fact]
    public async Task Skipping_the_new_name_keeps_the_old_one()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("change my name").SkipReplies()
            .Send("skip").AssertReplyContains("Nothing has changed")
            .StartTestAsync();
        Assert.Equal("Sam", (await h.ProfileAsync())!.Name);
    }

    [Fact]
    public async Task Settings_shows_the_current_answers_and_changes_the_one_chosen()
    {
        var h = new JourneyHarness();
        await h.Onboarded("I was hurt")
            .Send("settings").AssertReply(a => a.Text!.Contains("- Name: Sam") && a.Text.Contains("- Where you are: I was hurt")
                && TestFlow.ButtonsOf(a).SequenceEqual(["Name", "Where I am", "What broke the trust", "Partner involved", "Check-in rhythm", "Reminder time", "Time zone", "Nothing"]), "the current answers and the choices")
            .Send("where i am").AssertReplyContains("Right now: I was hurt")
            .Send("i broke the trust").AssertReplyContains("Done. Where you are: I broke the trust")
            .StartTestAsync();
        Assert.Equal(PartnerRole.Repairing, (await h.ProfileAsync())!.Role);
    }

    [Theory]
    [InlineData("change my time zone", "berlin", "Done. Your time zone is Europe/Berlin.")]
    [InlineData("change partner involvement", "not yet", "Done. Partner involved: Not yet.")]
    [InlineData("change what broke the trust", "infidelity", "Done. I'll keep that in mind")]
    [InlineData("change reminder time", "8pm", "Done. Check-ins: Every day at 20:00")]
    public async Task Each_answer_can_be_changed_on_its_own(string command, string answer, string done)
    {
        var h = new JourneyHarness();
        await h.Onboarded().Send(command).SkipReplies().Send(answer).AssertReplyContains(done).StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal("Sam", profile.Name);
        Assert.Equal(CheckInRhythm.Daily, profile.Rhythm);
    }

    [Fact]
    public async Task Choosing_a_rhythm_without_a_time_asks_for_the_time_instead_of_picking_one()
    {
        var h = new JourneyHarness();
        await h.OnboardedIn("I was hurt", city: null)
            .Send("settings").SkipReplies()
            .Send("check-in rhythm").AssertReplyContains("How often")
            .Send("every day").AssertReply("Got it. Now the time.").AssertReplyContains("What time of day suits you")
            .Send("8pm").AssertReplyContains("Done. Check-ins: Every day at 20:00")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal((CheckInRhythm.Daily, new TimeOnly(20, 0)), (profile.Rhythm, profile.ReminderTime));
    }

    [Fact]
    public async Task The_menu_offers_settings()
    {
        var h = new JourneyHarness();
        await h.Onboarded().Send("menu").AssertReply(a => TestFlow.ButtonsOf(a).Contains("Settings"), "a menu with Settings").StartTestAsync();
    }
}
