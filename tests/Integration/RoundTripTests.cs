using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Storage;
using TrustBot.State;
using TrustBot.Tests.Storage;
using Xunit.Abstractions;

namespace TrustBot.Tests.Integration;

/// <summary>How many storage calls and HTTP requests a typical message turn costs, over Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RoundTripTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Check_in_turns_cost_one_read_and_one_write()
    {
        var requests = new RequestCounter();
        CountingStorage? counting = null;
        await using var bot = new IntegrationBot(azurite.ConnectionString, AzuriteFixture.NewTablePrefix(), s =>
        {
            s.AddSingleton(_ =>
            {
                var options = StorageServiceCollectionExtensions.CreateClientOptions();
                options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
                return new TableServiceClient(azurite.ConnectionString, options);
            });
            s.AddSingleton<IStorage>(sp => counting = new CountingStorage(sp.GetRequiredService<TableStorage>()));
        });
        using var client = bot.CreateClient();
        var person = new Person("29:counted", "counted-chat");
        await person.OnboardAsync(client);
        Assert.NotNull(counting);

        async Task<(int Reads, int Queries, int Writes, int Gets, int Posts, int Other)> MeasureAsync(string text, string expected)
        {
            counting!.Reset();
            requests.Reset();
            var replies = await person.SayAsync(client, text);
            Assert.Contains(replies, r => r.Contains(expected, StringComparison.Ordinal));
            var all = requests.Requests;
            var figures = (Reads: counting.Reads, Queries: counting.Queries, Writes: counting.Writes, Gets: requests.Count("GET"), Posts: requests.Count("POST"), Other: all.Count - requests.Count("GET") - requests.Count("POST"));
            output.WriteLine($"'{text}': storage calls read {figures.Reads}, query {figures.Queries}, write {figures.Writes}; " +
                             $"HTTP requests {all.Count} (GET {figures.Gets}, POST {figures.Posts}, other {figures.Other}): {string.Join(", ", all)}");
            return figures;
        }

        await person.SayAsync(client, "check in");
        var middle = await MeasureAsync("6", "How has communication");
        await person.SayAsync(client, "Better");
        await person.SayAsync(client, "We laughed together");
        var last = await MeasureAsync("skip", "Trust today: 6/10");

        foreach (var turn in new[] { middle, last })
        {
            Assert.True(turn.Reads + turn.Queries <= 2, $"{turn.Reads + turn.Queries} read calls");
            Assert.True(turn.Writes <= 1, $"{turn.Writes} write calls");
            Assert.True(turn.Gets <= 2, $"{turn.Gets} HTTP reads");
            Assert.True(turn.Posts <= 1, $"{turn.Posts} HTTP writes");
            Assert.Equal(0, turn.Other);
        }
        Assert.Equal(1, middle.Writes);
        Assert.Equal(1, last.Writes);

        // The final turn's check-in, win and profile landed together.
        var stored = await StoredState.ProfileAsync(bot.Services.GetRequiredService<TableStorage>(), person.Partition);
        Assert.Equal((1, 1), (stored!.CheckInCount, stored.WinCount));
    }
}
