using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Storage;
using TrustBot.Journey;
using TrustBot.State;
using TrustBot.Tests.Storage;
using TrustBot.Turns;
using Xunit.Abstractions;

namespace TrustBot.Tests.Integration;

/// <summary>Several turns of one person at once, through the HTTP pipeline over Azurite.</summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class ConcurrentTurnsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly HashSet<string> Celebrations = [.. Enumerable.Range(1, 50).Select(Encouragement.CelebrateWin)];

    private sealed record Setup(IntegrationBot Bot, HttpClient Client, RaceGate Gate, AttemptRecorder Attempts, IStorage Tables);

    private Setup Start()
    {
        var attempts = new AttemptRecorder();
        RaceGate? gate = null;
        var bot = new IntegrationBot(azurite.ConnectionString, AzuriteFixture.NewTablePrefix(), s =>
        {
            s.AddSingleton<IMiddleware>(attempts);
            // Colliding turns as separate instances see them: nothing cached, every turn reads.
            s.AddSingleton(new StateCache(0, TimeSpan.FromMinutes(5), TimeProvider.System));
            s.AddSingleton<IStorage>(sp => gate = new RaceGate(sp.GetRequiredService<TableStorage>()));
        });
        var client = bot.CreateClient();
        _ = bot.Services.GetRequiredService<IStorage>();
        return new Setup(bot, client, gate!, attempts, bot.Services.GetRequiredService<TableStorage>());
    }

    /// <summary>Opens the wins flow in a conversation and stops at "What's the win?".</summary>
    private static async Task OpenWinPromptAsync(Person person, HttpClient client)
    {
        await person.SayAsync(client, "wins");
        var asked = await person.SayAsync(client, "Log a win");
        Assert.Contains("What's the win? However small, it counts.", asked);
    }

    private static void AssertOneCelebration(List<string> replies)
    {
        Assert.Single(replies, Celebrations.Contains);
        Assert.Equal(replies.Count, replies.Distinct().Count());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Concurrent_turns_of_one_conversation_lose_no_update(int parties)
    {
        var setup = Start();
        await using var _ = setup.Bot;
        using var client = setup.Client;
        var person = new Person("29:racer", "conversation-0");
        await person.OnboardAsync(client);

        // The same person in several conversations (personal chat, web chat, a second device):
        // each has its own dialog stack, all share the profile row, so their turns collide on its ETag.
        var conversations = Enumerable.Range(0, parties).Select(i => person.InConversation($"conversation-{i}")).ToList();
        foreach (var c in conversations) await OpenWinPromptAsync(c, client);

        setup.Attempts.Reset();
        setup.Gate.Arm(parties);
        var turns = conversations.Select((c, i) => c.SayAsync(client, $"Win from conversation {i}")).ToList();
        var replies = await Task.WhenAll(turns);

        var attempts = setup.Attempts.Attempts;
        output.WriteLine($"{parties} colliding turns: conflicts {setup.Gate.Conflicts}, attempts per turn [{string.Join(", ", attempts.Order())}]");
        foreach (var r in replies) AssertOneCelebration(r);
        Assert.True(setup.Gate.Conflicts >= parties - 1, $"expected at least {parties - 1} ETag conflicts, saw {setup.Gate.Conflicts}");
        Assert.Equal(parties, attempts.Count);
        Assert.Contains(1, attempts);
        Assert.Contains(2, attempts);

        var profile = await StoredState.ProfileAsync(setup.Tables, person.Partition);
        Assert.Equal(parties, profile!.WinCount);
        var wins = await setup.Tables.QueryAsync(person.Partition, RecordKinds.Win + "/", 100, default);
        Assert.Equal(
            Enumerable.Range(0, parties).Select(i => $"Win from conversation {i}").Order(),
            wins.Select(w => System.Text.Json.JsonSerializer.Deserialize(w.Value.Json, JourneyJson.Default.WinRecord)!.Text).Order());
        // Each celebration counted a different total: none of the turns saw a stale count.
        Assert.Equal(
            Enumerable.Range(1, parties).Select(Encouragement.CelebrateWin).Order(),
            replies.Select(r => r.Single(Celebrations.Contains)).Order());
    }

    [Fact]
    public async Task Two_conversations_logging_wins_side_by_side_lose_none()
    {
        const int winsEach = 4;
        var setup = Start();
        await using var _ = setup.Bot;
        using var client = setup.Client;
        var person = new Person("29:busy", "chat-a");
        await person.OnboardAsync(client);
        var a = person.InConversation("chat-a");
        var b = person.InConversation("chat-b");
        await b.SayAsync(client, "hi");
        setup.Attempts.Reset();

        async Task LogWinsAsync(Person p, string name)
        {
            for (var i = 0; i < winsEach; i++)
            {
                await p.SayAsync(client, "wins");
                await p.SayAsync(client, "Log a win");
                AssertOneCelebration(await p.SayAsync(client, $"{name} win {i}"));
            }
        }

        await Task.WhenAll(LogWinsAsync(a, "A"), LogWinsAsync(b, "B"));

        var attempts = setup.Attempts.Attempts;
        output.WriteLine($"2 conversations x {winsEach} wins ({attempts.Count} turns): conflicts {setup.Gate.Conflicts}, turns retried {attempts.Count(n => n > 1)}, max attempts {attempts.Max()}");
        Assert.Equal(2 * winsEach * 3, attempts.Count);
        var profile = await StoredState.ProfileAsync(setup.Tables, person.Partition);
        Assert.Equal(2 * winsEach, profile!.WinCount);
        var wins = await setup.Tables.QueryAsync(person.Partition, RecordKinds.Win + "/", 100, default);
        Assert.Equal(2 * winsEach, wins.Count);
    }
}
