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
[Trait(Tier.Name, Tier.Integration)]
public sealed class RoundTripTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private sealed record Figures(int Reads, int Queries, int Writes, int Gets, int Posts, int Other);

    private static IntegrationBot CountedBot(string connectionString, string prefix, RequestCounter requests, Action<CountingStorage> counted) =>
        new(connectionString, prefix, s =>
        {
            s.AddSingleton(_ =>
            {
                var options = StorageServiceCollectionExtensions.CreateClientOptions();
                options.AddPolicy(requests, HttpPipelinePosition.PerRetry);
                return new TableServiceClient(connectionString, options);
            });
            s.AddSingleton<IStorage>(sp =>
            {
                var counting = new CountingStorage(sp.GetRequiredService<TableStorage>());
                counted(counting);
                return counting;
            });
        });

    private async Task<Figures> MeasureAsync(Person person, HttpClient client, CountingStorage counting, RequestCounter requests, string text, string expected)
    {
        counting.Reset();
        requests.Reset();
        var replies = await person.SayAsync(client, text);
        Assert.Contains(replies, r => r.Contains(expected, StringComparison.Ordinal));
        var all = requests.Requests;
        var figures = new Figures(counting.Reads, counting.Queries, counting.Writes, requests.Count("GET"), requests.Count("POST"), all.Count - requests.Count("GET") - requests.Count("POST"));
        output.WriteLine($"'{text}': storage calls read {figures.Reads}, query {figures.Queries}, write {figures.Writes}; " +
                         $"HTTP requests {all.Count} (GET {figures.Gets}, POST {figures.Posts}, other {figures.Other}): {string.Join(", ", all)}");
        return figures;
    }

    [Fact]
    public async Task Warm_check_in_turns_cost_one_write_and_a_cold_turn_one_read_and_one_write()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var requests = new RequestCounter();
        CountingStorage? counting = null;
        await using var bot = CountedBot(azurite.ConnectionString, prefix, requests, c => counting = c);
        using var client = bot.CreateClient();
        var person = new Person("29:counted", "counted-chat");
        await person.OnboardAsync(client);
        Assert.NotNull(counting);

        await person.SayAsync(client, "check in");
        var middle = await MeasureAsync(person, client, counting, requests, "6", "How has communication");
        await person.SayAsync(client, "Better");
        await person.SayAsync(client, "We laughed together");
        var last = await MeasureAsync(person, client, counting, requests, "skip", "Trust today: 6/10");

        // Warm: the person's state is cached, so the turn is one entity group transaction and nothing else.
        Assert.Equal(new Figures(0, 0, 1, 0, 1, 0), middle);
        Assert.Equal(new Figures(0, 0, 1, 0, 1, 0), last);
        // The final turn's check-in, win and profile landed together.
        var stored = await StoredState.ProfileAsync(bot.Services.GetRequiredService<TableStorage>(), person.Partition);
        Assert.Equal((1, 1), (stored!.CheckInCount, stored.WinCount));

        // Cold: a freshly started instance reads the profile and the dialog stack (two point reads in one call), then writes once.
        var coldRequests = new RequestCounter();
        CountingStorage? coldCounting = null;
        await using var restarted = CountedBot(azurite.ConnectionString, prefix, coldRequests, c => coldCounting = c);
        using var coldClient = restarted.CreateClient();
        await new Person("29:someone-else", "other-chat").SayAsync(coldClient, "hi"); // the instance's first write also checks the table exists
        Assert.NotNull(coldCounting);
        var cold = await MeasureAsync(person, coldClient, coldCounting, coldRequests, "check in", "how much do you trust your partner today?");
        Assert.Equal(new Figures(1, 0, 1, 2, 1, 0), cold);
        var warmAgain = await MeasureAsync(person, coldClient, coldCounting, coldRequests, "7", "How has communication");
        Assert.Equal(new Figures(0, 0, 1, 0, 1, 0), warmAgain);
        // A warm turn that changes nothing (the menu again while at the menu) writes nothing, so no ETag
        // condition vouches for its cached state: it reads the two rows again (in parallel) to confirm them.
        await person.SayAsync(coldClient, "Better");
        await person.SayAsync(coldClient, "skip");
        await person.SayAsync(coldClient, "skip");
        var unchanged = await MeasureAsync(person, coldClient, coldCounting, coldRequests, "menu", "What would you like to do?");
        Assert.Equal(new Figures(1, 0, 0, 2, 0, 0), unchanged);
    }
}
