using TrustBot.Dialogs;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Testing;
using TrustBot.Turns;
using TrustBot.Tests.Storage;

namespace TrustBot.Tests.Dialogs;

public sealed class EngineBehaviourTests
{
    /// <summary>Asks "Another?" until the person says no, by replacing itself (the stack never grows).</summary>
    private sealed class LoopDialog : ComponentDialog
    {
        public LoopDialog() : base(nameof(LoopDialog))
        {
            AddDialog(new WaterfallDialog<ProfileData>("loop", TestJson.Default.ProfileData, [AskAnotherStepAsync, LoopOrEndStepAsync]));
            AddDialog(new ConfirmPrompt("another"));
        }

        private static Task<DialogTurnResult> AskAnotherStepAsync(WaterfallStepContext<ProfileData> step, CancellationToken ct) =>
            step.PromptAsync("another", PromptOptions.Ask($"Round {step.Data.Loops + 1}. Another?"), ct);

        private static Task<DialogTurnResult> LoopOrEndStepAsync(WaterfallStepContext<ProfileData> step, CancellationToken ct)
        {
            step.Data.Loops++;
            return step.Result is true
                ? step.ReplaceDialogAsync("loop", step.Data, ct)
                : step.EndDialogAsync(ct);
        }
    }

    /// <summary>"help" answers and re-asks the pending question; "cancel" clears the stack.</summary>
    private sealed class HelpAndCancel : IInterruptionHandler
    {
        public async Task<InterruptionResult> InterruptAsync(DialogContext dc, CancellationToken ct)
        {
            switch (Recognizers.Normalize(dc.Context.Activity.Text))
            {
                case "help":
                    await dc.Context.SendActivityAsync("Here is some help.", ct);
                    await dc.RepromptDialogAsync(ct);
                    return InterruptionResult.Handled;
                case "cancel":
                    await dc.CancelAllDialogsAsync(ct);
                    await dc.Context.SendActivityAsync("Cancelled.", ct);
                    return InterruptionResult.Handled;
                default:
                    return InterruptionResult.Continue;
            }
        }
    }

    [Fact]
    public async Task Replace_dialog_loops_without_growing_the_stack()
    {
        var storage = new MemoryStorage();
        var bot = new DialogTestBot(storage, new LoopDialog());
        var adapter = new TestAdapter();
        await new TestFlow(adapter, bot)
            .Send("start").AssertReply("Round 1. Another?")
            .Send("yes").AssertReply("Round 2. Another?")
            .Send("yes").AssertReply("Round 3. Another?")
            .StartTestAsync();

        var stored = await storage.ReadAsync([new StorageKey("test/users/user1", "conversations/conversation1")], default);
        var json = System.Text.Json.Nodes.JsonNode.Parse(stored.Values.Single().Json)!;
        Assert.Single(json["dialogs"]!["Stack"]!.AsArray());

        await new TestFlow(adapter, bot).Send("no").AssertNoReply().StartTestAsync();
        Assert.Equal(3, Assert.IsType<ProfileData>(Assert.Single(bot.Results)).Loops);
    }

    [Fact]
    public async Task Help_in_the_middle_of_a_prompt_answers_then_resumes_the_same_question()
    {
        var bot = new DialogTestBot(new MemoryStorage(), new LoopDialog(), new HelpAndCancel());
        await new TestFlow(new TestAdapter(), bot)
            .Send("start").AssertReply("Round 1. Another?")
            .Send("yes").AssertReply("Round 2. Another?")
            .Send("Help!").AssertReply("Here is some help.").AssertReply("Round 2. Another?")
            .Send("yes").AssertReply("Round 3. Another?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Cancel_mid_prompt_clears_the_stack_and_the_next_message_starts_fresh()
    {
        var bot = new DialogTestBot(new MemoryStorage(), new LoopDialog(), new HelpAndCancel());
        await new TestFlow(new TestAdapter(), bot)
            .Send("start").AssertReply("Round 1. Another?")
            .Send("yes").AssertReply("Round 2. Another?")
            .Send("cancel").AssertReply("Cancelled.").AssertNoReply()
            .Send("hello").AssertReply("Round 1. Another?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Empty_and_null_text_never_throw()
    {
        var bot = new DialogTestBot(new MemoryStorage(), new LoopDialog(), new HelpAndCancel());
        await new TestFlow(new TestAdapter(), bot)
            .Send(new Activity { Type = ActivityTypes.Message, Text = null }).AssertReply("Round 1. Another?")
            .Send("").AssertReplyContains("Another?")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_turn_that_changes_nothing_writes_nothing()
    {
        var storage = new MemoryStorage();
        var bot = new DialogTestBot(storage, new LoopDialog());
        var adapter = new TestAdapter();
        await new TestFlow(adapter, bot).Send("start").SkipReplies().StartTestAsync();
        var writes = storage.WriteCalls;

        // A typing activity leaves the prompt waiting and the state untouched.
        await new TestFlow(adapter, bot).Send(new Activity { Type = ActivityTypes.Typing }).AssertNoReply().StartTestAsync();
        Assert.Equal(writes, storage.WriteCalls);
    }

    [Fact]
    public async Task A_message_turn_reads_once_and_writes_once()
    {
        var storage = new MemoryStorage();
        var bot = new DialogTestBot(storage, new LoopDialog());
        var adapter = new TestAdapter();
        await new TestFlow(adapter, bot).Send("start").SkipReplies().StartTestAsync();
        var (reads, writes) = (storage.ReadCalls, storage.WriteCalls);
        await new TestFlow(adapter, bot).Send("yes").AssertReply("Round 2. Another?").StartTestAsync();
        Assert.Equal((1, 1), (storage.ReadCalls - reads, storage.WriteCalls - writes));
    }

    [Fact]
    public async Task Stale_etag_write_is_a_conflict()
    {
        var storage = new MemoryStorage();
        var key = new StorageKey("p", "r");
        var first = await storage.WriteAsync([new StorageWrite(key, "{\"v\":1}", ETags.New)], default);
        await storage.WriteAsync([new StorageWrite(key, "{\"v\":2}", first[key])], default);
        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync([new StorageWrite(key, "{\"v\":3}", first[key])], default));
        await Assert.ThrowsAsync<StorageConflictException>(() => storage.WriteAsync([new StorageWrite(key, "{}", ETags.New)], default));
        await storage.WriteAsync([new StorageWrite(key, "{\"v\":4}", ETags.Any)], default);
        Assert.Equal("{\"v\":4}", (await storage.ReadAsync([key], default))[key].Json);
    }

    [Fact]
    public async Task Concurrent_saves_of_one_conversation_retry_and_lose_no_update()
    {
        // Two turns load the same state; the first saves; the second hits an ETag conflict, reloads and runs again.
        var storage = new SlowFirstSaveStorage(new MemoryStorage());
        var user = new UserState(storage);
        var counter = user.CreateProperty("count", CounterJson.Default.Int32);
        var runner = new StatefulTurnRunner(new BotStateSet(storage, user));
        var adapter = new TestAdapter();
        var sent = new List<string>();

        Task TurnAsync(string text) => adapter.ProcessActivityAsync(Activity.CreateMessage(text), (ctx, ct) => runner.RunAsync(ctx, async (turn, c) =>
        {
            var n = await counter.GetAsync(turn, () => 0, c);
            await counter.SetAsync(turn, n + 1, c);
            await turn.SendActivityAsync($"{text} saw {n}", c);
        }, ct), default);

        await TurnAsync("warm-up");
        storage.HoldNextSave = true;
        var slow = TurnAsync("a");
        await storage.Held.Task;
        await TurnAsync("b");
        storage.Release.SetResult();
        await slow;

        var check = new List<string>();
        while (adapter.NextReply() is { } r) check.Add(r.Text!);
        Assert.Equal(["warm-up saw 0", "b saw 1", "a saw 2"], check);
        var stored = await storage.ReadAsync([new StorageKey("test/users/user1", "user")], default);
        Assert.Contains("\"count\":3", stored.Values.Single().Json);
    }

    private sealed class SlowFirstSaveStorage(IStorage inner) : PassThroughStorage(inner)
    {
        public bool HoldNextSave { get; set; }
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken ct)
        {
            if (HoldNextSave)
            {
                HoldNextSave = false;
                Held.SetResult();
                await Release.Task;
            }
            return await Inner.WriteAsync(writes, ct);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
internal sealed partial class CounterJson : System.Text.Json.Serialization.JsonSerializerContext
{
}
