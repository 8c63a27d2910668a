using System.Text.Json.Nodes;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

/// <summary>Every global command, typed while a question is waiting.</summary>
public sealed class GlobalCommandTests
{
    private const string RhythmQuestion = "How often would you like me to check in with you?";

    /// <summary>An onboarded person, in the middle of the reminders flow's first question.</summary>
    private static JourneyHarness MidPrompt(out TestFlow flow)
    {
        var h = new JourneyHarness();
        flow = h.Onboarded().Send("reminders").AssertReplyContains(RhythmQuestion);
        return h;
    }

    [Theory]
    [InlineData("help")]
    [InlineData("HELP!")]
    [InlineData("  Help. ")]
    public async Task Help_answers_and_the_interrupted_question_is_asked_again(string typed)
    {
        MidPrompt(out var flow);
        await flow.Send(typed).AssertReplyContains("not a therapist").AssertReplyContains(RhythmQuestion)
            .Send("weekly").AssertReplyContains("What time of day")
            .StartTestAsync();
    }

    [Fact]
    public async Task Menu_leaves_the_flow_and_shows_the_menu()
    {
        MidPrompt(out var flow);
        await flow.Send("Menu").AssertReply(a => TestFlow.ButtonsOf(a).Contains("Check in"), "the menu").StartTestAsync();
    }

    [Fact]
    public async Task Cancel_leaves_the_flow_without_changing_anything()
    {
        var h = MidPrompt(out var flow);
        await flow.Send("cancel").AssertReplyContains("set that aside").StartTestAsync();
        Assert.Equal(CheckInRhythm.Daily, (await h.ProfileAsync())!.Rhythm);
    }

    [Fact]
    public async Task Progress_answers_and_resumes_the_question()
    {
        MidPrompt(out var flow);
        await flow.Send("progress").AssertReplyContains("Your progress").AssertReplyContains(RhythmQuestion).StartTestAsync();
    }

    [Fact]
    public async Task Reminders_flow_changes_rhythm_time_and_zone()
    {
        var h = MidPrompt(out var flow);
        await flow.Send("once a week").AssertReplyContains("What time")
            .Send("8:30am").AssertReplyContains("Europe/London")
            .Send("Tokyo").AssertReplyContains("Once a week at 08:30 (Asia/Tokyo)")
            .StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal((CheckInRhythm.Weekly, new TimeOnly(8, 30), "Asia/Tokyo"), (profile.Rhythm, profile.ReminderTime, profile.TimeZone));
    }

    [Fact]
    public async Task Pause_reminders_for_a_week_then_resume()
    {
        var h = MidPrompt(out var flow);
        await flow.Send("pause reminders").AssertReplyContains("For how long")
            .Send("a week").AssertReplyContains("paused for a week").SkipReplies()
            .StartTestAsync();
        Assert.Equal(h.Clock.GetUtcNow().AddDays(7), (await h.ProfileAsync())!.RemindersPausedUntil);

        await h.Flow().Send("resume reminders").AssertReplyContains("back on").StartTestAsync();
        Assert.Null((await h.ProfileAsync())!.RemindersPausedUntil);
    }

    [Fact]
    public async Task Stop_and_start_switch_proactive_messages_and_resume_the_question()
    {
        var h = MidPrompt(out var flow);
        await flow.Send("stop").AssertReplyContains("won't send you any messages").AssertReplyContains(RhythmQuestion).StartTestAsync();
        Assert.True((await h.ProfileAsync())!.ProactiveStopped);
        await h.Flow().Send("start").AssertReplyContains("on again").AssertReplyContains(RhythmQuestion).StartTestAsync();
        Assert.False((await h.ProfileAsync())!.ProactiveStopped);
    }

    [Fact]
    public async Task Export_my_data_sends_a_json_file_and_resumes()
    {
        MidPrompt(out var flow);
        JsonObject? exported = null;
        await flow.Send("Export my data")
            .AssertReply(a =>
            {
                var file = a.Attachments?.SingleOrDefault(x => x.ContentType == AttachmentContentTypes.Json);
                if (file?.ContentUrl is not { } url || !url.StartsWith("data:application/json;base64,", StringComparison.Ordinal)) return false;
                exported = JsonNode.Parse(Convert.FromBase64String(url[(url.IndexOf(',') + 1)..]))!.AsObject();
                return true;
            }, "a JSON file attachment")
            .AssertReplyContains(RhythmQuestion)
            .StartTestAsync();
        Assert.Equal("Sam", exported!["profile"]!["name"]!.GetValue<string>());
        Assert.NotNull(exported["consent"]);
    }

    [Fact]
    public async Task Delete_my_data_confirms_erases_every_row_and_the_next_message_starts_onboarding()
    {
        var h = MidPrompt(out var flow);
        await flow.Send("delete my data").AssertReplyContains("can't be undone")
            .Send("Yes, delete everything").AssertReplyContains("erased").AssertNoReply()
            .StartTestAsync();
        Assert.Equal(0, await h.RowCountAsync());

        await h.Flow().Send("hello again").AssertReplyContains("Hi, I'm TrustBot").StartTestAsync();
    }

    [Fact]
    public async Task Delete_my_data_can_be_declined()
    {
        var h = MidPrompt(out var flow);
        await flow.Send("delete my data").SkipReplies().Send("No, keep it").AssertReply("Nothing was deleted.").StartTestAsync();
        Assert.Equal("Sam", (await h.ProfileAsync())!.Name);
    }

    [Fact]
    public async Task Start_over_keeping_history_runs_onboarding_again_without_consent()
    {
        var h = MidPrompt(out var flow);
        await flow.Send("start over").AssertReplyContains("keep your history")
            .Send("Keep my history").AssertReplyContains("history is kept").AssertReply("Thank you. What should I call you?")
            .Send("Samantha").AssertReplyContains("Nice to meet you, Samantha")
            .StartTestAsync();
        Assert.True((await h.ProfileAsync())!.Consented);
    }

    [Fact]
    public async Task Start_over_erasing_everything_leaves_no_rows()
    {
        var h = MidPrompt(out var flow);
        await flow.Send("start over").SkipReplies()
            .Send("erase").AssertReply("This erases everything I have stored about you: your profile, journal, check-ins, wins, boundaries and apology drafts. It can't be undone. Delete it all?")
            .Send("yes delete").AssertReplyContains("erased")
            .StartTestAsync();
        Assert.Equal(0, await h.RowCountAsync());
    }

    [Fact]
    public async Task Start_over_then_erase_asks_the_delete_confirmation_and_keeps_everything_on_no()
    {
        var h = MidPrompt(out var flow);
        await flow.Send("start over").SkipReplies()
            .Send("erase").AssertReply(a => a.Text!.Contains("can't be undone") && TestFlow.ButtonsOf(a).SequenceEqual(["Yes, delete everything", "No, keep it"]), "the delete-my-data confirmation")
            .Send("no").AssertReply("Nothing was deleted.")
            .StartTestAsync();
        Assert.Equal("Sam", (await h.ProfileAsync())!.Name);
        Assert.True(await h.RowCountAsync() > 0);
    }

    [Fact]
    public async Task Commands_do_nothing_before_consent()
    {
        var h = new JourneyHarness();
        await h.Flow().Send("hi").SkipReplies()
            .Send("menu").AssertReply("Please choose \"Yes\" to begin, or \"Not now\".")
            .StartTestAsync();
    }

    [Fact]
    public async Task Teams_mention_of_the_bot_is_removed_before_matching()
    {
        var h = MidPrompt(out var flow);
        await flow.StartTestAsync();
        var message = Activity.CreateMessage("<at>TrustBot</at> help");
        message.Entities = [MentionOfBot()];
        await h.Flow().Send(message).AssertReplyContains("not a therapist").StartTestAsync();
    }

    [Fact]
    public async Task Group_conversation_gets_no_coaching_and_no_private_content()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Onboarded().StartTestAsync();
        h.Adapter.Conversation.Conversation = new ConversationAccount { Id = "19:group@thread.v2", IsGroup = true, ConversationType = "groupChat" };
        var message = Activity.CreateMessage("<at>TrustBot</at> export my data");
        message.Entities = [MentionOfBot()];
        await h.Flow().Send(message).AssertReplyContains("personal chat").AssertNoReply().StartTestAsync();
        Assert.DoesNotContain(h.Adapter.Sent.TakeLast(1), a => a.Attachments is { Count: > 0 });
    }

    private static Entity MentionOfBot() => EntityFrom("""{"type":"mention","mentioned":{"id":"bot","name":"TrustBot"},"text":"<at>TrustBot</at>"}""");

    internal static Entity EntityFrom(string json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<Entity>)ProtocolJson.Default.GetTypeInfo(typeof(Entity))!)!;
}
