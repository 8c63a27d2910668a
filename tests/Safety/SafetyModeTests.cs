using TrustBot.Journey;
using TrustBot.Safety;
using TrustBot.Schema;
using TrustBot.Testing;
using TrustBot.Tests.Journey;

namespace TrustBot.Tests.Safety;

/// <summary>The turns after a crisis message: the held flow, the safety question and its three answers, heightened scrutiny.</summary>
public sealed class SafetyModeTests
{
    private static readonly string[] s_safetyButtons = ["I'm safe", "I'm not safe", "I can't talk freely"];

    private static bool AsksIfSafe(Activity a) =>
        TestFlow.TextOf(a).Contains("safe right now", StringComparison.Ordinal) && TestFlow.ButtonsOf(a).SequenceEqual(s_safetyButtons);

    private static bool OffersToContinue(Activity a) =>
        TestFlow.TextOf(a).Contains("go back to where you were", StringComparison.Ordinal) && TestFlow.ButtonsOf(a).SequenceEqual(["Continue where I was"]);

    [Fact]
    public async Task Threat_during_a_check_in_holds_the_check_in_and_someone_who_cannot_call_gets_text_options_not_the_next_question()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("check in").AssertReplyContains("how much do you trust")
            .Send("7").AssertReplyContains("How has communication")
            .Send("he said if I leave he'll kill me")
                .AssertReplyContains("glad you told me")
                .AssertReplyContains("You can reach someone now")
                .AssertReply(AsksIfSafe, "the question whether they are safe, with three buttons")
            .Send("I can't call anyone, he's in the next room")
                .AssertReply(a => a.Text!.Contains("without speaking", StringComparison.Ordinal) && a.Text.Contains("Text a crisis line near you.", StringComparison.Ordinal), "ways to text or chat")
                .AssertReply(a => a.Text!.Contains("close this chat", StringComparison.Ordinal) && a.Text.Contains("next 3 days", StringComparison.Ordinal), "a note on leaving quickly and on the bot staying silent")
                .AssertNoReply()
            .Send("ok").AssertReply(a => a.Text!.StartsWith("I'm here", StringComparison.Ordinal) && TestFlow.ButtonsOf(a).Count == 0, "a quiet answer that asks for nothing")
            .Send("hes holding a knife").AssertReplyContains("not your fault").AssertReplyContains("Call your local emergency number.")
                .AssertReply(a => a.Text!.Contains("without speaking", StringComparison.Ordinal) && TestFlow.ButtonsOf(a).Count == 0, "the quiet ways again, and no question")
                .AssertNoReply()
            .Send("Worse").AssertReply(a => !TestFlow.TextOf(a).Contains("setback", StringComparison.OrdinalIgnoreCase) && !TestFlow.TextOf(a).Contains("win", StringComparison.OrdinalIgnoreCase), "not the check-in's next question")
            .StartTestAsync();

        Assert.Empty(await h.Storage.QueryAsync(h.Partition, RecordKinds.CheckIn + "/", 10, default));
        var safety = string.Join("\n", (await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default)).Select(r => r.Value.Json));
        Assert.DoesNotContain("kill", safety, StringComparison.Ordinal);
        Assert.DoesNotContain("room", safety, StringComparison.Ordinal);
        Assert.DoesNotContain("knife", safety, StringComparison.Ordinal);
        Assert.Contains("FearForSafety", safety, StringComparison.Ordinal);
        Assert.Contains("Violence", safety, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I'm safe", "Continue where I was")]
    [InlineData("safety_safe", "safety_continue")]
    [InlineData("yes im ok", "continue")]
    [InlineData("Yes", "ok lets continue")]
    [InlineData("im fine now", "Yes")]
    public async Task Saying_they_are_safe_then_choosing_to_continue_brings_back_the_held_question(string safe, string goOn)
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("reminders").AssertReplyContains("How often")
            .Send("I don't want to live anymore").AssertReplyContains("hold it alone").AssertReplyContains("Call your local emergency number.")
                .AssertReply(AsksIfSafe, "the safety question")
            .Send("weekly").AssertReply(AsksIfSafe, "the safety question again: the answer to the held prompt is not taken")
            .Send(safe).AssertReplyContains("glad you're safe").AssertReply(OffersToContinue, "the offer to continue, only now")
            .Send(goOn).AssertReply("Okay. Here's where we were.").AssertReplyContains("How often")
            .Send("weekly").AssertReplyContains("What time of day")
            .StartTestAsync();
    }

    [Fact]
    public async Task Continue_is_not_offered_or_taken_before_the_person_says_they_are_safe()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("reminders").AssertReplyContains("How often")
            .Send("my boyfriend punched me").SkipReplies()
            .Send("continue").AssertReply(a => a.Text!.StartsWith("Before we go back", StringComparison.Ordinal) && TestFlow.ButtonsOf(a).SequenceEqual(s_safetyButtons), "the safety question first")
            .Send("Continue where I was").AssertReply(AsksIfSafe, "still the safety question")
            .StartTestAsync();
    }

    [Theory]
    [InlineData("I'm not safe")]
    [InlineData("safety_not_safe")]
    [InlineData("no")]
    [InlineData("not really, im scared")]
    public async Task Not_safe_gets_the_lines_again_and_a_way_to_text_instead(string notSafe)
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("he hits me when he's angry").SkipReplies()
            .Send(notSafe)
                .AssertReply(a => a.Text!.Contains("Please reach out to someone now", StringComparison.Ordinal) && a.Text.Contains("Call your local emergency number.", StringComparison.Ordinal), "the crisis lines again")
                .AssertReply(a => TestFlow.ButtonsOf(a).SequenceEqual(["I can't talk freely", "I'm safe now"]), "a way to text instead, or to say they are safe now")
            .Send("I can't talk freely").AssertReplyContains("without speaking").AssertReplyContains("close this chat").AssertNoReply()
            .Send("I'm safe now").AssertReplyContains("glad you're safe").AssertReply(OffersToContinue, "the offer to continue")
            .StartTestAsync();
    }

    [Fact]
    public async Task Ok_and_thanks_after_a_safety_message_are_never_stored_as_a_journal_entry_a_setback_or_a_pattern()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("step 1").AssertEventuallyContains("write what happened")
            .Send("he hits me when he's drunk").SkipReplies()
            .Send("ok").AssertReply(AsksIfSafe, "the safety question, not the next step")
            .Send("thanks").AssertReply(AsksIfSafe, "the safety question, not the next step")
            .Send("cancel").AssertReplyContains("What would you like to do")
            .Send("step 6").AssertEventuallyContains("pattern in your own behaviour")
            .Send("I want to kill myself").SkipReplies()
            .Send("thank you").AssertReply(AsksIfSafe, "the safety question")
            .Send("menu").AssertReplyContains("What would you like to do")
            .Send("check in").SkipReplies().Send("7").SkipReplies().Send("Better").SkipReplies().Send("skip").AssertReplyContains("setback")
            .Send("he threatened to take the kids if I leave").SkipReplies()
            .Send("ok").AssertReply(AsksIfSafe, "the safety question")
            .Send("yes im safe").AssertReplyContains("glad you're safe").AssertReply(OffersToContinue, "the offer to continue")
            .Send("thanks").AssertReply(a => a.Text!.StartsWith("You're welcome.", StringComparison.Ordinal) && OffersToContinue(a), "the offer again")
            .StartTestAsync();

        Assert.Empty(await h.JournalAsync());
        Assert.Empty(await h.Storage.QueryAsync(h.Partition, RecordKinds.CheckIn + "/", 10, default));
        Assert.Equal(3, (await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default)).Count);
    }

    [Fact]
    public async Task Abuse_at_first_contact_gets_care_and_resources_and_onboarding_only_when_the_person_asks_for_it()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("my husband hits me when he's drunk, is this app for me?")
                .AssertReply(a => a.Text!.Contains("not your fault", StringComparison.Ordinal) && !a.Text.Contains("might hurt", StringComparison.Ordinal), "the opener for someone being hurt")
                .AssertReplyContains("Call your local emergency number.")
                .AssertReply(a => AsksIfSafe(a) && a.Text!.Contains("isn't meant for relationships where there is abuse", StringComparison.Ordinal), "an honest answer and the safety question")
            .Send("ok").AssertReply(a => AsksIfSafe(a) && !a.Text!.Contains("begin", StringComparison.OrdinalIgnoreCase), "the safety question, not onboarding")
            .Send("I'm safe").AssertReplyContains("glad you're safe")
                .AssertReply(a => a.Text!.Contains("I'd like to begin", StringComparison.Ordinal) && TestFlow.ButtonsOf(a).Count == 0, "how to ask for the program, with no button offering it")
            .Send("ok").AssertReply(a => !a.Text!.Contains("Would you like to begin", StringComparison.Ordinal) && !a.Text.Contains("I'm TrustBot", StringComparison.Ordinal), "still no onboarding")
            .Do(async () =>
            {
                Assert.Null(await h.ProfileAsync());
                Assert.Empty(await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default));
            })
            .Send("i'd like to try the program").AssertReplyContains("I'm TrustBot").AssertReplyContains("Would you like to begin?")
            .Send("Yes").AssertReply("Thank you. What should I call you?")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_gentle_check_at_first_contact_answered_safe_lets_the_person_go_on_to_the_welcome()
    {
        var detector = new MeaningStandIn(("im so tired of everything, can this help?", SafetyScrutiny.Normal));
        var h = new JourneyHarness(detector: detector);
        await h.Flow()
            .Send("im so tired of everything, can this help?").AssertReply(AsksIfSafe, "the gentle check")
            .Send("yes im ok").AssertReplyContains("Thank you for telling me").AssertReply(OffersToContinue, "going on is offered: nothing was disclosed")
            .Send("Continue where I was").AssertReplyContains("I'm TrustBot").AssertReply("Would you like to begin?")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_time_zone_the_meaning_layer_reads_as_possible_danger_is_taken_as_the_answer_without_a_gentle_check()
    {
        var detector = new MeaningStandIn(("i live in london", SafetyScrutiny.Normal));
        var h = new JourneyHarness(detector: detector);
        await h.AtTheTimeZoneQuestion()
            .Send("i live in london").AssertReplyContains("Here's what I have").SkipReplies()
            .StartTestAsync();
        Assert.Equal("Europe/London", (await h.ProfileAsync())!.TimeZone);
    }

    [Fact]
    public async Task The_same_possible_reading_of_words_the_open_question_does_not_take_as_its_value_still_gets_the_gentle_check()
    {
        var detector = new MeaningStandIn(("i live in london", SafetyScrutiny.Normal), ("you can just call me sam", SafetyScrutiny.Normal));
        var h = new JourneyHarness(detector: detector);
        await h.Flow()
            .Send("hi").SkipReplies().Send("yes").AssertReply("Thank you. What should I call you?")
            // A name is free text: any words are an answer, so nothing in them is set aside.
            .Send("you can just call me sam").AssertReply(AsksIfSafe, "the gentle check")
            .StartTestAsync();

        var sentence = new JourneyHarness(detector: new MeaningStandIn(("im not okay, london", SafetyScrutiny.Normal)));
        await sentence.AtTheTimeZoneQuestion()
            // A place inside something else said is not just a place: the possible reading counts.
            .Send("im not okay, london").AssertReply(AsksIfSafe, "the gentle check")
            .StartTestAsync();

        var other = new JourneyHarness(detector: detector);
        await other.Flow()
            .Send("hi").SkipReplies().Send("yes").SkipReplies()
            .Send("Sam").AssertReplyContains("Which of these is closest to where you are?")
            // Not one of the role question's options: the possible reading counts.
            .Send("i live in london").AssertReply(AsksIfSafe, "the gentle check")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_number_inside_a_sentence_at_the_trust_rating_is_not_set_aside_as_an_answer()
    {
        var detector = new MeaningStandIn(("i took 30 of them", SafetyScrutiny.Normal), ("7", SafetyScrutiny.Normal));
        var h = new JourneyHarness(detector: detector);
        await h.Onboarded()
            .Send("check in").AssertReplyContains("How much do you trust")
            .Send("i took 30 of them").AssertReply(AsksIfSafe, "the gentle check")
            .StartTestAsync();

        var rating = new JourneyHarness(detector: detector);
        await rating.Onboarded()
            .Send("check in").AssertReplyContains("How much do you trust")
            .Send("7").AssertReplyContains("communication")
            .StartTestAsync();
    }

    [Fact]
    public async Task Group_chat_gets_a_caring_line_with_resources_and_an_invitation_to_a_personal_chat()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Onboarded().StartTestAsync();
        h.Adapter.Conversation.Conversation = new ConversationAccount { Id = "19:group@thread.v2", IsGroup = true, ConversationType = "groupChat" };
        await h.Flow()
            .Send("he hits me when he's drunk")
                .AssertReply(a => a.Text!.Contains("Call your local emergency number.", StringComparison.Ordinal)
                    && a.Text.Contains("personal chat", StringComparison.Ordinal)
                    && !a.Text.Contains("where you were", StringComparison.Ordinal)
                    && TestFlow.ButtonsOf(a).Count == 0, "one caring message with resources and an invitation to a personal chat")
                .AssertNoReply()
            .Send("ok").AssertReply(TrustBotHandler.GroupChatText).AssertNoReply()
            .StartTestAsync();
        Assert.Single(await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default));
        Assert.NotNull((await h.ProfileAsync())!.LastSafetyMessageAt);
    }

    [Theory]
    [InlineData("he keeps hitting me", "not your fault")]
    [InlineData("I'm afraid I might hurt someone", "fear you might")]
    [InlineData("I hit my wife last night", "fear you might")]
    public async Task A_person_being_hurt_and_a_person_who_might_hurt_someone_get_different_openers(string message, string expected)
    {
        var h = new JourneyHarness();
        await h.Onboarded("I broke the trust").Send(message).AssertReplyContains(expected).StartTestAsync();
    }

    [Fact]
    public async Task Commands_that_open_a_flow_leave_safety_mode_and_help_shows_the_lines_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("I want to end it all").SkipReplies()
            .Send("help").AssertReplyContains("Call your local emergency number.").AssertReply(AsksIfSafe, "the safety question")
            .Send("progress").SkipReplies()
            .Send("weekly").AssertReply(AsksIfSafe, "still in safety mode after a command that only answers")
            .Send("menu").AssertReplyContains("What would you like to do")
            .Send("reminders").AssertReplyContains("How often")
            .StartTestAsync();
    }

    [Fact]
    public async Task Every_message_in_safety_mode_is_read_with_heightened_scrutiny_and_a_faint_sign_gets_the_full_message()
    {
        var detector = new MeaningStandIn(("things are bad at home", SafetyScrutiny.Heightened));
        var h = new JourneyHarness(detector: detector);
        await h.Onboarded()
            .Send("reminders").AssertReplyContains("How often")
            .Do(() => { detector.Seen.Clear(); return Task.CompletedTask; })
            .Send("things are bad at home").AssertReplyContains("Please pick one")
            .Send("she threatens me").SkipReplies()
            .Send("I'm safe").SkipReplies()
            .Send("things are bad at home")
                .AssertReplyContains("glad you told me")
                .AssertReply(a => AsksIfSafe(a) && a.Text!.Contains("Call your local emergency number.", StringComparison.Ordinal), "the lines and the safety question again")
            .Send("ok").SkipReplies()
            .StartTestAsync();

        Assert.Equal([SafetyScrutiny.Normal, SafetyScrutiny.Normal, SafetyScrutiny.Heightened, SafetyScrutiny.Heightened, SafetyScrutiny.Heightened], detector.Seen);
        Assert.Equal(2, (await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default)).Count);
    }

    [Fact]
    public async Task Possible_danger_gets_a_gentle_check_first_and_not_safe_turns_it_into_the_full_safety_message()
    {
        var detector = new MeaningStandIn(("i dont know how much longer i can do this", SafetyScrutiny.Normal));
        var h = new JourneyHarness(detector: detector);
        await h.Onboarded()
            .Send("check in").SkipReplies()
            .Send("i dont know how much longer i can do this")
                .AssertReply(a => a.Text!.StartsWith("That sounds like a lot to carry", StringComparison.Ordinal) && AsksIfSafe(a) && !a.Text.Contains("emergency", StringComparison.OrdinalIgnoreCase), "only the gentle check")
                .AssertNoReply()
            .Do(async () => Assert.Empty(await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default)))
            .Send("I'm not safe")
                .AssertReplyContains("hold it alone")
                .AssertReplyContains("Call your local emergency number.")
                .AssertReply(a => TestFlow.ButtonsOf(a).SequenceEqual(["I can't talk freely", "I'm safe now"]), "a way to text instead")
            .StartTestAsync();

        Assert.Single(await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default));
        Assert.Empty(await h.Storage.QueryAsync(h.Partition, RecordKinds.CheckIn + "/", 10, default));
    }

    [Fact]
    public async Task Cannot_talk_after_a_gentle_check_gets_text_options_records_the_disclosure_and_pauses_reminders()
    {
        var detector = new MeaningStandIn(("its getting worse at home", SafetyScrutiny.Normal));
        var h = new JourneyHarness(detector: detector);
        await h.Onboarded()
            .Send("its getting worse at home").AssertReply(AsksIfSafe, "the gentle check")
            .Send("i cant talk hes right here").AssertReplyContains("without speaking").AssertReplyContains("close this chat").AssertNoReply()
            .StartTestAsync();

        Assert.Equal(h.Clock.GetUtcNow(), (await h.ProfileAsync())!.LastSafetyMessageAt);
        Assert.Single(await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default));
    }

    [Fact]
    public async Task After_a_gentle_check_safe_and_continue_bring_the_check_in_back_and_a_further_sign_gets_the_full_message()
    {
        var detector = new MeaningStandIn(("everything feels pointless", SafetyScrutiny.Normal));
        var h = new JourneyHarness(detector: detector);
        await h.Onboarded()
            .Send("check in").AssertReplyContains("how much do you trust")
            .Send("everything feels pointless").AssertReply(AsksIfSafe, "the gentle check")
            .Send("yes im ok").AssertReplyContains("Thank you for telling me").AssertReply(OffersToContinue, "the offer to continue")
            .Send("Continue where I was").AssertReply("Okay. Here's where we were.").AssertReplyContains("how much do you trust")
            .Send("everything feels pointless").AssertReply(AsksIfSafe, "the gentle check again")
            .Send("ive got the pills ready").AssertReplyContains("hold it alone").AssertReplyContains("Call your local emergency number.").AssertReply(AsksIfSafe, "the safety question")
            .StartTestAsync();
        Assert.Single(await h.Storage.QueryAsync(h.Partition, RecordKinds.Safety + "/", 10, default));
    }

    [Fact]
    public async Task Buttons_sent_as_a_card_submit_value_and_numbers_on_a_channel_without_buttons_are_understood()
    {
        var h = new JourneyHarness(channelId: "sms");
        await h.Onboarded()
            .Send("reminders").SkipReplies()
            .Send("he hits me").SkipReplies()
            .SendSubmit(System.Text.Json.Nodes.JsonNode.Parse("""{"value":"safety_safe"}""")!).AssertReplyContains("glad you're safe").AssertReplyContains("1. Continue where I was")
            .Send("1").AssertReply("Okay. Here's where we were.").AssertReplyContains("How often")
            .StartTestAsync();
    }

    [Fact]
    public async Task Safety_mode_lives_in_the_turns_single_write()
    {
        var h = new JourneyHarness();
        await h.Onboarded().Send("reminders").SkipReplies().StartTestAsync();
        var storage = (TrustBot.State.MemoryStorage)h.Storage;
        var before = storage.WriteCalls;
        await h.Flow().Send("I'm scared of my partner").SkipReplies().StartTestAsync();
        // The safety mode, the safety event and the pause of reminders go out in the turn's one write call.
        Assert.Equal(1, storage.WriteCalls - before);
        await h.Flow().Send("weekly").AssertReply(AsksIfSafe, "the safety question").StartTestAsync();
        Assert.InRange(storage.WriteCalls - before, 1, 2);
    }

    /// <summary>Stands in for a meaning layer: the phrase rules, plus "possible" danger for chosen messages at a chosen scrutiny.</summary>
    private sealed class MeaningStandIn(params (string Text, SafetyScrutiny From)[] possible) : ISafetyDetector
    {
        private readonly PhraseSafetyDetector _phrases = new();

        public List<SafetyScrutiny> Seen { get; } = [];

        public SafetyAssessment Assess(string? text, SafetyScrutiny scrutiny)
        {
            Seen.Add(scrutiny);
            var found = _phrases.Assess(text, scrutiny);
            if (found.IsCrisis) return found;
            foreach (var (message, from) in possible)
            {
                if (string.Equals(text, message, StringComparison.OrdinalIgnoreCase) && scrutiny >= from)
                    return new SafetyAssessment(SafetyCategory.SelfHarm, "meaning.test", SafetyLevel.Possible);
            }
            return SafetyAssessment.None;
        }
    }
}
