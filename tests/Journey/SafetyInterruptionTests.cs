using TrustBot.Journey;
using TrustBot.Schema;

namespace TrustBot.Tests.Journey;

public sealed class SafetyInterruptionTests
{
    [Fact]
    public async Task Crisis_message_mid_question_gets_resources_and_holds_the_question_until_the_person_is_safe_and_continues()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("reminders").AssertReplyContains("How often")
            .Send("I don't want to live anymore").AssertEventuallyContains("Call your local emergency number.").SkipReplies()
            .Send("weekly").AssertReplyContains("are you safe right now?")
            .Send("I'm safe").AssertReplyContains("glad you're safe").AssertReplyContains("go back to where you were")
            .Send("Continue where I was").AssertReply("Okay. Here's where we were.").AssertReplyContains("How often")
            .Send("weekly").AssertReplyContains("What time of day")
            .StartTestAsync();
    }

    [Fact]
    public async Task Safety_message_says_the_steps_are_not_for_abusive_relationships_and_stores_only_time_and_category()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        h.Adapter.ClearReplies();
        await h.Flow().Send("he hits me when he's angry").StartTestAsync();

        var said = string.Join("\n", h.Adapter.Sent.TakeLast(3).Select(a => a.Text));
        Assert.Contains("abus", said, StringComparison.OrdinalIgnoreCase);
        var rows = await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default);
        var stored = Assert.Single(rows).Value.Json;
        Assert.DoesNotContain("hits", stored);
        Assert.Contains("Violence", stored);
    }

    [Fact]
    public async Task Resources_follow_the_country_teams_reports()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Onboarded().StartTestAsync();
        h.Adapter.ClearReplies();
        var message = Activity.CreateMessage("I want to kill myself");
        message.Entities = [GlobalCommandTests.EntityFrom("""{"type":"clientInfo","country":"GB","timezone":"Europe/London"}""")];
        await h.Flow().Send(message).AssertEventuallyContains("Samaritans: 116 123").StartTestAsync();
    }

    [Fact]
    public async Task Ordinary_relationship_talk_does_not_trigger_the_safety_message()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("reminders").AssertReplyContains("How often")
            .Send("we had a fight about money and he hurt my feelings").AssertReplyContains("Please pick one")
            .StartTestAsync();
        Assert.Empty(await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default));
    }

    [Fact]
    public async Task Safety_check_runs_even_before_consent_stores_nothing_and_the_consent_question_waits_until_asked_for()
    {
        var h = new JourneyHarness();
        await h.Flow().Send("hi").SkipReplies()
            .Send("I'm scared of my partner, he threatens me").AssertEventuallyContains("Call your local emergency number.").SkipReplies()
            .Send("Yes").AssertReplyContains("glad you're safe").AssertReply(a => !a.Text!.Contains("What should I call you", StringComparison.Ordinal), "no onboarding: the yes answered the safety question")
            .Do(async () =>
            {
                Assert.Empty(await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default));
                Assert.Null(await h.ProfileAsync());
            })
            .Send("begin").AssertReplyContains("I'm TrustBot").AssertReply("Would you like to begin?")
            .Send("Yes").AssertReply("Thank you. What should I call you?")
            .StartTestAsync();
    }
}
