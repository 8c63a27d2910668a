using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Storage;
using TrustBot.Journey;
using TrustBot.State;
using TrustBot.Tests.Storage;
using TrustBot.Turns;
using Xunit.Abstractions;

namespace TrustBot.Tests.Integration;

/// <summary>
/// Two bot instances over one Azurite, each with its own state cache: a cache that another instance
/// made stale never loses an update, because every write is conditional on the ETag.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class TwoInstanceTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly HashSet<string> Celebrations = [.. Enumerable.Range(1, 50).Select(Encouragement.CelebrateWin)];

    private sealed record Instance(IntegrationBot Bot, HttpClient Client, AttemptRecorder Attempts) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Bot.DisposeAsync();
        }
    }

    private Instance Start(string prefix)
    {
        var attempts = new AttemptRecorder();
        var bot = new IntegrationBot(azurite.ConnectionString, prefix, s => s.AddSingleton<IMiddleware>(attempts));
        return new Instance(bot, bot.CreateClient(), attempts);
    }

    private static async Task<int> WinCountAsync(Instance any, Person person) =>
        (await StoredState.ProfileAsync(any.Bot.Services.GetRequiredService<TableStorage>(), person.Partition))!.WinCount;

    [Fact]
    public async Task A_win_logged_on_an_instance_with_a_stale_cache_is_kept_with_the_other_instances_win()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        await using var a = Start(prefix);
        await using var b = Start(prefix);
        var person = new Person("29:two-instances", "chat");
        await person.OnboardAsync(a.Client); // A caches the person at the menu

        await person.SayAsync(b.Client, "wins");
        await person.SayAsync(b.Client, "Log a win");
        Assert.Contains(Encouragement.CelebrateWin(1), await person.SayAsync(b.Client, "We planned a weekend away"));

        a.Attempts.Reset();
        var replies = await person.SayAsync(a.Client, "wins"); // A still thinks the person is at the menu with no wins
        Assert.Equal([2], a.Attempts.Attempts);
        Assert.Contains(replies, r => r.Contains("Log a win", StringComparison.Ordinal) || r.Contains("win", StringComparison.OrdinalIgnoreCase));
        await person.SayAsync(a.Client, "Log a win");
        Assert.Contains(Encouragement.CelebrateWin(2), await person.SayAsync(a.Client, "We talked without phones"));

        Assert.Equal(2, await WinCountAsync(a, person));
    }

    [Fact]
    public async Task Four_simultaneous_messages_across_two_instances_all_land()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        await using var a = Start(prefix);
        await using var b = Start(prefix);
        var person = new Person("29:four-at-once", "chat-0");
        await person.OnboardAsync(a.Client);

        // Four conversations (devices) of one person, two served by each instance; all share the profile row.
        var conversations = Enumerable.Range(0, 4).Select(i => person.InConversation($"chat-{i}")).ToList();
        var clients = new[] { a.Client, b.Client, a.Client, b.Client };
        for (var i = 0; i < 4; i++)
        {
            await conversations[i].SayAsync(clients[i], "wins");
            Assert.Contains("What's the win? However small, it counts.", await conversations[i].SayAsync(clients[i], "Log a win"));
        }
        a.Attempts.Reset();
        b.Attempts.Reset();

        var replies = await Task.WhenAll(conversations.Select((c, i) => c.SayAsync(clients[i], $"Win from device {i}")));

        var attempts = a.Attempts.Attempts.Concat(b.Attempts.Attempts).ToList();
        output.WriteLine($"4 simultaneous wins on 2 instances: attempts per turn [{string.Join(", ", attempts.Order())}]");
        Assert.All(replies, r => Assert.Single(r, Celebrations.Contains));
        Assert.Equal(Enumerable.Range(1, 4).Select(Encouragement.CelebrateWin).Order(), replies.Select(r => r.Single(Celebrations.Contains)).Order());
        Assert.Equal(4, await WinCountAsync(a, person));
        var wins = await a.Bot.Services.GetRequiredService<TableStorage>().QueryAsync(person.Partition, RecordKinds.Win + "/", 100, default);
        Assert.Equal(4, wins.Count);
    }
}
