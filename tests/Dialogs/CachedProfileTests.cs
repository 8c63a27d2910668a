using System.Text.Json;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Testing;

namespace TrustBot.Tests.Dialogs;

/// <summary>
/// Warm turns reuse the profile read from a cached document instead of reading its JSON again; what one turn
/// does to its profile must never reach another turn unless it was saved.
/// </summary>
public sealed class CachedProfileTests
{
    private sealed class Scope
    {
        public Scope()
        {
            Cache = new StateCache(10, TimeSpan.FromMinutes(5), TimeProvider.System);
            var observed = Cache.Observe(Storage);
            var user = new UserState(observed);
            Profile = user.CreateProperty(ProfileStore.Property, JourneyJson.Default.JourneyProfile);
            States = new BotStateSet(observed, Cache, user);
        }

        public MemoryStorage Storage { get; } = new();
        public StateCache Cache { get; }
        public IStatePropertyAccessor<JourneyProfile> Profile { get; }
        public BotStateSet States { get; }
        public TestAdapter Adapter { get; } = new();

        /// <summary>One turn: loads the state, shows <paramref name="turn"/> the profile, saves only when asked.</summary>
        public Task TurnAsync(Action<JourneyProfile> turn, bool save) =>
            Adapter.ProcessActivityAsync(Activity.CreateMessage("hi"), async (context, ct) =>
            {
                await States.LoadAllAsync(context, ct);
                turn(await Profile.GetAsync(context, () => new JourneyProfile(), ct));
                if (save) await States.SaveAllChangesAsync(context, ct);
            }, default);
    }

    [Fact]
    public async Task A_profile_change_that_was_not_saved_is_gone_in_the_next_warm_turn()
    {
        var scope = new Scope();
        await scope.TurnAsync(p => { p.Name = "Sam"; p.MarkStepDone(1); }, save: true);
        var reads = scope.Storage.ReadCalls;

        // Two warm turns change the profile and fail before saving (an exception, a cancelled request).
        for (var i = 0; i < 2; i++)
        {
            await scope.TurnAsync(p =>
            {
                Assert.Equal(("Sam", 0), (p.Name, p.CheckInCount));
                Assert.Equal([1], p.StepsDone);
                p.Name = "Changed";
                p.MarkStepDone(2);
                p.CheckInCount = 5;
            }, save: false);
        }

        JourneyProfile? seen = null;
        await scope.TurnAsync(p => seen = p, save: false);
        Assert.Equal(("Sam", 0), (seen!.Name, seen.CheckInCount));
        Assert.Equal([1], seen.StepsDone);
        Assert.Equal(reads, scope.Storage.ReadCalls); // every one of them came from the cache
    }

    [Fact]
    public async Task A_saved_profile_change_is_what_the_next_warm_turn_sees()
    {
        var scope = new Scope();
        await scope.TurnAsync(p => p.Name = "Sam", save: true);
        await scope.TurnAsync(p => { p.CheckInCount = 1; p.MarkStepDone(3); }, save: true);

        JourneyProfile? seen = null;
        await scope.TurnAsync(p => seen = p, save: false);
        Assert.Equal(("Sam", 1), (seen!.Name, seen.CheckInCount));
        Assert.Equal([3], seen.StepsDone);
    }

    [Fact]
    public void A_profile_copy_shares_no_collection_with_the_original()
    {
        var original = new JourneyProfile { Name = "Sam", LastSeenAt = DateTimeOffset.UnixEpoch };
        original.MarkStepDone(2);
        // Any property that is not a value or a string can be changed in place, so a copy must have its own.
        var mutable = typeof(JourneyProfile).GetProperties()
            .Where(p => p.CanWrite && !p.PropertyType.IsValueType && p.PropertyType != typeof(string))
            .ToList();
        foreach (var property in mutable)
            property.SetValue(original, property.GetValue(original) ?? Activator.CreateInstance(property.PropertyType));

        var copy = original.Copy();

        Assert.NotEmpty(mutable);
        foreach (var property in mutable)
            Assert.False(ReferenceEquals(property.GetValue(original), property.GetValue(copy)), $"{property.Name} is shared by the copy");
        Assert.Equal(JsonSerializer.Serialize(original, JourneyJson.Default.JourneyProfile), JsonSerializer.Serialize(copy, JourneyJson.Default.JourneyProfile));
    }
}
