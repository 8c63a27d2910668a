using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Testing;
using TrustBot.Turns;

namespace TrustBot.Tests.Dialogs;

/// <summary>
/// While the state cache holds a person, warm turns reuse the profile object of the turn before instead of reading
/// its JSON again. What a turn does to its profile must reach the next turn only when the turn saved it.
/// </summary>
public sealed class CachedProfileTests
{
    private sealed class Scope
    {
        public Scope()
        {
            var cache = new StateCache(10, TimeSpan.FromMinutes(5), TimeProvider.System);
            var observed = cache.Observe(Storage);
            var user = new UserState(observed);
            Profile = user.CreateProperty(ProfileStore.Property, JourneyJson.Default.JourneyProfile);
            Runner = new StatefulTurnRunner(new BotStateSet(observed, cache, user));
        }

        public MemoryStorage Storage { get; } = new();
        public IStatePropertyAccessor<JourneyProfile> Profile { get; }
        public StatefulTurnRunner Runner { get; }
        public TestAdapter Adapter { get; } = new();

        /// <summary>One turn as the bot runs it: state loaded, <paramref name="turn"/> shown the profile, then saved.</summary>
        public Task TurnAsync(Action<JourneyProfile> turn, string conversation = "conversation1") =>
            Adapter.ProcessActivityAsync(
                new Activity { Type = ActivityTypes.Message, Text = "hi", Conversation = new ConversationAccount { Id = conversation } },
                (context, ct) => Runner.RunAsync(context, async (t, c) => turn(await Profile.GetAsync(t, () => new JourneyProfile(), c)), ct),
                default);

        public async Task<JourneyProfile> SeenByNextTurnAsync()
        {
            JourneyProfile? seen = null;
            await TurnAsync(p => seen = p);
            return seen!;
        }
    }

    [Fact]
    public async Task A_profile_change_in_a_turn_that_failed_is_gone_in_the_next_warm_turn()
    {
        var scope = new Scope();
        await scope.TurnAsync(p => { p.Name = "Sam"; p.MarkStepDone(1); });
        await scope.TurnAsync(_ => { }); // a warm turn that changes nothing
        var reads = scope.Storage.ReadCalls;

        // Two warm turns change the profile and then fail before anything is saved.
        for (var i = 0; i < 2; i++)
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => scope.TurnAsync(p =>
            {
                p.Name = "Changed";
                p.MarkStepDone(2);
                p.CheckInCount = 5;
                throw new InvalidOperationException("the turn failed");
            }));
        }

        Assert.Equal(reads, scope.Storage.ReadCalls); // both were warm turns, served from the cache
        var seen = await scope.SeenByNextTurnAsync();
        Assert.Equal(("Sam", 0), (seen.Name, seen.CheckInCount));
        Assert.Equal([1], seen.StepsDone);
    }

    [Fact]
    public async Task A_saved_profile_change_is_what_the_next_warm_turn_sees()
    {
        var scope = new Scope();
        await scope.TurnAsync(p => p.Name = "Sam");
        await scope.TurnAsync(p => { p.CheckInCount = 1; p.MarkStepDone(3); });
        await scope.TurnAsync(p => p.CheckInCount++);

        var seen = await scope.SeenByNextTurnAsync();
        Assert.Equal(("Sam", 2), (seen.Name, seen.CheckInCount));
        Assert.Equal([3], seen.StepsDone);
    }

    [Fact]
    public async Task Turns_of_one_person_in_two_conversations_at_once_never_share_a_profile()
    {
        var scope = new Scope();
        await scope.TurnAsync(p => p.Name = "Sam");
        await scope.TurnAsync(_ => { });

        // A turn in a group chat starts while the person's private turn is still running: each has its own profile.
        JourneyProfile? inGroup = null;
        await scope.TurnAsync(p =>
        {
            p.Name = "Changed in private";
            scope.TurnAsync(q => inGroup = q, "group").GetAwaiter().GetResult();
            throw new InvalidOperationException("the private turn failed");
        }).ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.Equal("Sam", inGroup!.Name);
        Assert.Equal("Sam", (await scope.SeenByNextTurnAsync()).Name);
    }
}
