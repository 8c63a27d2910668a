using TrustBot.Dialogs;
using TrustBot.State;
using TrustBot.Testing;

namespace TrustBot.Tests.Dialogs;

public sealed class WaterfallDialogTests
{
    /// <summary>A three-question flow written the way every TrustBot flow is written.</summary>
    private sealed class ProfileDialog : ComponentDialog
    {
        public ProfileDialog() : base(nameof(ProfileDialog))
        {
            AddDialog(new WaterfallDialog<ProfileData>("steps", TestJson.Default.ProfileData,
            [
                AskNameStepAsync,
                AskRatingStepAsync,
                AskToSaveStepAsync,
                SummariseStepAsync,
            ]));
            AddDialog(new TextPrompt("name"));
            AddDialog(new NumberPrompt<int>("rating"));
            AddDialog(new ConfirmPrompt("confirm"));
        }

        private static Task<DialogTurnResult> AskNameStepAsync(WaterfallStepContext<ProfileData> step, CancellationToken ct) =>
            step.PromptAsync("name", PromptOptions.Ask("What should I call you?", "Something from 1 to 50 characters, please.").Between(1, 50), ct);

        private static Task<DialogTurnResult> AskRatingStepAsync(WaterfallStepContext<ProfileData> step, CancellationToken ct)
        {
            step.Data.Name = (string?)step.Result;
            return step.PromptAsync("rating", PromptOptions.Ask($"Thanks {step.Data.Name}. Trust today, 1 to 10?", "A number from 1 to 10, please.").Between(1, 10).GiveUpAfter(2, "Let's leave that for now."), ct);
        }

        private static Task<DialogTurnResult> AskToSaveStepAsync(WaterfallStepContext<ProfileData> step, CancellationToken ct)
        {
            step.Data.Rating = (int?)step.Result;
            return step.PromptAsync("confirm", PromptOptions.Ask("Shall I save that?"), ct);
        }

        private static async Task<DialogTurnResult> SummariseStepAsync(WaterfallStepContext<ProfileData> step, CancellationToken ct)
        {
            step.Data.Agreed = (bool?)step.Result;
            await step.SendAsync($"{step.Data.Name}: {step.Data.Rating?.ToString() ?? "no rating"}, saved={step.Data.Agreed}", ct);
            return await step.EndDialogAsync(ct);
        }
    }

    private static (TestAdapter, DialogTestBot) NewBot(IStorage? storage = null) =>
        (new TestAdapter(), new DialogTestBot(storage ?? new MemoryStorage(), new ProfileDialog()));

    [Fact]
    public async Task Three_step_waterfall_collects_answers_and_returns_its_data()
    {
        var (adapter, bot) = NewBot();
        await new TestFlow(adapter, bot)
            .Send("hi").AssertReply("What should I call you?")
            .Send("Alex").AssertReply("Thanks Alex. Trust today, 1 to 10?")
            .Send("7").AssertReply("Shall I save that?")
            .StartTestAsync();
        await new TestFlow(adapter, bot)
            .Send("yes").AssertReply("Alex: 7, saved=True").AssertNoReply()
            .StartTestAsync();

        var result = Assert.IsType<ProfileData>(Assert.Single(bot.Results));
        Assert.Equal(("Alex", 7, true), (result.Name, result.Rating, result.Agreed));
    }

    [Fact]
    public async Task Confirm_prompt_offers_yes_and_no_buttons()
    {
        var (adapter, bot) = NewBot();
        await new TestFlow(adapter, bot)
            .Send("hi").SkipReplies().Send("Alex").SkipReplies()
            .Send("7").AssertSuggestedActions("Yes", "No")
            .StartTestAsync();
    }

    [Fact]
    public async Task Rating_outside_1_to_10_is_asked_again()
    {
        var (adapter, bot) = NewBot();
        await new TestFlow(adapter, bot)
            .Send("hi").SkipReplies().Send("Alex").SkipReplies()
            .Send("11").AssertReply("A number from 1 to 10, please.")
            .Send("zero").AssertReply("A number from 1 to 10, please.")
            .Send("eight out of ten").AssertReply("Shall I save that?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Prompt_gives_up_after_max_retries_and_the_flow_handles_no_answer()
    {
        var (adapter, bot) = NewBot();
        await new TestFlow(adapter, bot)
            .Send("hi").SkipReplies().Send("Alex").SkipReplies()
            .Send("lots").AssertReply("A number from 1 to 10, please.")
            .Send("loads").AssertReply("A number from 1 to 10, please.")
            .Send("heaps").AssertReply("Let's leave that for now.").AssertReply("Shall I save that?")
            .Send("no").AssertReply("Alex: no rating, saved=False")
            .StartTestAsync();
    }

    [Fact]
    public async Task Empty_text_and_too_long_name_are_reprompted_without_losing_the_flow()
    {
        var (adapter, bot) = NewBot();
        await new TestFlow(adapter, bot)
            .Send("hi").AssertReply("What should I call you?")
            .Send("   ").AssertReply("Something from 1 to 50 characters, please.")
            .Send(new string('x', 51)).AssertReply("Something from 1 to 50 characters, please.")
            .Send("Jo").AssertReplyContains("Thanks Jo")
            .StartTestAsync();
    }

    [Fact]
    public async Task Card_submit_with_value_and_no_text_answers_the_prompt()
    {
        var (adapter, bot) = NewBot();
        await new TestFlow(adapter, bot)
            .Send("hi").SkipReplies()
            .SendSubmit(new System.Text.Json.Nodes.JsonObject { ["answer"] = "Robin" }).AssertReplyContains("Thanks Robin")
            .SendSubmit(System.Text.Json.Nodes.JsonValue.Create("6")).AssertReply("Shall I save that?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Dialog_resumes_from_stored_state_in_a_new_adapter_and_bot()
    {
        var storage = new MemoryStorage();
        var (adapter, bot) = NewBot(storage);
        await new TestFlow(adapter, bot).Send("hi").SkipReplies().Send("Alex").AssertReplyContains("Trust today").StartTestAsync();

        // Simulated restart: nothing in memory survives but the storage.
        var (adapter2, bot2) = NewBot(storage);
        await new TestFlow(adapter2, bot2)
            .Send("9").AssertReply("Shall I save that?")
            .Send("yes").AssertReply("Alex: 9, saved=True")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_flow_that_keeps_its_data_typed_stores_no_loose_values_bag()
    {
        var storage = new MemoryStorage();
        var (adapter, bot) = NewBot(storage);
        await new TestFlow(adapter, bot).Send("hi").SkipReplies().Send("Alex").AssertReplyContains("Trust today").StartTestAsync();

        var stored = await StoredConversationAsync(storage);
        Assert.Contains("\"Alex\"", stored);
        Assert.DoesNotContain("\"values\"", stored);
    }

    [Fact]
    public async Task A_stack_stored_with_the_old_empty_values_bag_still_resumes()
    {
        var storage = new MemoryStorage();
        var (adapter, bot) = NewBot(storage);
        await new TestFlow(adapter, bot).Send("hi").SkipReplies().Send("Alex").AssertReplyContains("Trust today").StartTestAsync();

        // Earlier versions saved an empty "values" object in every waterfall's state; put one back as they did.
        var partition = "test/users/user1";
        var (key, item) = Assert.Single(await storage.QueryAsync(partition, "conversations/", 10, CancellationToken.None));
        var document = System.Text.Json.Nodes.JsonNode.Parse(item.Json)!.AsObject();
        var waterfalls = document.DescendantsNamed("step").Select(step => step.Parent!.AsObject()).ToList();
        Assert.NotEmpty(waterfalls);
        foreach (var state in waterfalls) state["values"] = new System.Text.Json.Nodes.JsonObject();
        await storage.WriteAsync([new StorageWrite(key, document.ToJsonString(), item.ETag)], CancellationToken.None);

        var (adapter2, bot2) = NewBot(storage);
        await new TestFlow(adapter2, bot2)
            .Send("9").AssertReply("Shall I save that?")
            .Send("yes").AssertReply("Alex: 9, saved=True")
            .StartTestAsync();
    }

    private static async Task<string> StoredConversationAsync(MemoryStorage storage) =>
        Assert.Single(await storage.QueryAsync("test/users/user1", "conversations/", 10, CancellationToken.None)).Value.Json;

    [Fact]
    public async Task Non_message_activity_leaves_the_prompt_waiting()
    {
        var (adapter, bot) = NewBot();
        await new TestFlow(adapter, bot)
            .Send("hi").SkipReplies()
            .Send(new Schema.Activity { Type = Schema.ActivityTypes.Typing }).AssertNoReply()
            .Send("Alex").AssertReplyContains("Thanks Alex")
            .StartTestAsync();
    }

    [Fact]
    public async Task Failure_message_shows_the_transcript()
    {
        var (adapter, bot) = NewBot();
        var error = await Assert.ThrowsAsync<TestFlowException>(() => new TestFlow(adapter, bot)
            .Send("hi").AssertReply("Something else entirely")
            .StartTestAsync());
        Assert.Contains("user: hi", error.Message);
        Assert.Contains("bot: What should I call you?", error.Message);
    }
}

internal static class JsonNodeSearch
{
    /// <summary>Every node stored under a property of the given name, at any depth.</summary>
    public static IEnumerable<System.Text.Json.Nodes.JsonNode> DescendantsNamed(this System.Text.Json.Nodes.JsonNode node, string name)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (value is null) continue;
                    if (key == name) yield return value;
                    foreach (var found in value.DescendantsNamed(name)) yield return found;
                }
                break;
            case System.Text.Json.Nodes.JsonArray a:
                foreach (var value in a)
                    if (value is not null) foreach (var found in value.DescendantsNamed(name)) yield return found;
                break;
        }
    }
}
