using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Hosting;
using TrustBot.Bot.Proactive;
using TrustBot.Bot.Storage;
using TrustBot.Journey;
using TrustBot.State;
using TrustBot.Tests.Connector;
using TrustBot.Tests.Journey;
using TrustBot.Tests.Storage;

namespace TrustBot.Tests.Integration;

/// <summary>
/// The proactive sender over the real Table storage (Azurite, a fresh table per test), with a person
/// onboarded through the real conversation and messages going through the real adapter and Bot
/// Connector client to a loopback server playing the channel. The person chose daily reminders at 7pm
/// in New York: the clock starts at 13:00 there (18:00 UTC), and 7pm EST is midnight UTC, so the due
/// minute lies on the next UTC date.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class ProactiveOverTableStorageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset SevenPm = new(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NextSevenPm = SevenPm.AddDays(1);

    private FakeChannelServer _channel = null!;
    private ConnectorHarness _connector = null!;

    public async Task InitializeAsync()
    {
        _channel = await FakeChannelServer.StartAsync();
        _connector = ConnectorHarness.Create(tokenEndpoint: null);
    }

    public async Task DisposeAsync()
    {
        await _connector.DisposeAsync();
        await _channel.DisposeAsync();
    }

    private async Task<JourneyHarness> OnboardedInNewYorkAsync(IStorage tables)
    {
        var h = new JourneyHarness(tables);
        h.Adapter.Conversation.ServiceUrl = _channel.Url + "/";
        await h.OnboardedIn("I was hurt", "America/New_York").StartTestAsync();
        return h;
    }

    private ProactiveSender Sender(JourneyHarness h, IStorage storage)
    {
        var adapter = new BotHttpAdapter([_connector.Client], new TrustedServiceUrls(), [], NullLogger<BotHttpAdapter>.Instance);
        return new ProactiveSender(storage, adapter, h.Clock, Options.Create(new ProactiveOptions()), ReminderRules.Default, NullLogger<ProactiveSender>.Instance);
    }

    private static async Task<List<(StoreItem Item, DueEntry Entry)>> DueRowsAsync(IStorage storage, DateTimeOffset minute) =>
        (await storage.QueryAsync(DueIndex.PartitionFor(minute), "", 100, default))
            .Select(r => (r.Value, JsonSerializer.Deserialize(r.Value.Json, ProactiveJson.Default.DueEntry)!))
            .ToList();

    /// <summary>The row of the next day's reminder: unclaimed, for this person, due at 7pm New York time.</summary>
    private static async Task AssertScheduledForAsync(JourneyHarness h, TableStorage tables, DateTimeOffset dueAt)
    {
        var (_, entry) = Assert.Single(await DueRowsAsync(tables, dueAt));
        Assert.Equal((h.Partition, ProactiveKind.CheckInReminder, dueAt), (entry.Person, entry.Kind, entry.DueAt));
        Assert.Null(entry.ClaimedBy);
        Assert.Equal(DueIndex.PartitionFor(dueAt), (await h.ProfileAsync())!.ScheduledDueKey);
    }

    [Fact]
    public async Task Due_reminder_is_sent_once_and_the_index_row_moves_to_the_next_day()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var tables = TableStorageFactory.Create(azurite.ConnectionString, prefix);
        var h = await OnboardedInNewYorkAsync(tables);
        await AssertScheduledForAsync(h, tables, SevenPm);
        var sender = Sender(h, tables);

        Assert.Equal(0, await sender.TickAsync(default));
        h.Clock.SetUtcNow(SevenPm.AddSeconds(-10));
        Assert.Equal(0, await sender.TickAsync(default));
        Assert.Empty(_channel.ConnectorRequests);

        h.Clock.SetUtcNow(SevenPm.AddSeconds(30));
        Assert.Equal(1, await sender.TickAsync(default));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sender.TickAsync(default));

        var request = Assert.Single(_channel.ConnectorRequests);
        Assert.Equal("/v3/conversations/conversation1/activities", request.Path);
        Assert.Contains("check-in", request.Body);
        Assert.Empty(await DueRowsAsync(tables, SevenPm));
        await AssertScheduledForAsync(h, tables, NextSevenPm);
        Assert.Equal(SevenPm.AddSeconds(30), (await h.ProfileAsync())!.LastReminderAt);

        // A sender started afresh (a restarted instance) finds nothing left to send.
        Assert.Equal(0, await Sender(h, TableStorageFactory.Create(azurite.ConnectionString, prefix)).TickAsync(default));
        Assert.Single(_channel.ConnectorRequests);
    }

    [Fact]
    public async Task Two_senders_over_the_same_tables_send_the_reminder_exactly_once()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var tables = TableStorageFactory.Create(azurite.ConnectionString, prefix);
        var h = await OnboardedInNewYorkAsync(tables);
        var gate = new BothReadFirst();
        var first = Sender(h, new GatedStorage(TableStorageFactory.Create(azurite.ConnectionString, prefix), gate));
        var second = Sender(h, new GatedStorage(TableStorageFactory.Create(azurite.ConnectionString, prefix), gate));

        h.Clock.SetUtcNow(SevenPm.AddSeconds(5));
        gate.Armed = true;
        var sent = await Task.WhenAll(Task.Run(() => first.TickAsync(default)), Task.Run(() => second.TickAsync(default)));

        Assert.True(gate.BothRead, "both senders read the due row before either claimed it");
        Assert.Equal(1, sent.Sum());
        Assert.Single(_channel.ConnectorRequests);
        Assert.Empty(await DueRowsAsync(tables, SevenPm));
        await AssertScheduledForAsync(h, tables, NextSevenPm);

        // The next day, without any help to line them up, it is again one message.
        gate.Armed = false;
        h.Clock.SetUtcNow(NextSevenPm.AddSeconds(5));
        sent = await Task.WhenAll(Task.Run(() => first.TickAsync(default)), Task.Run(() => second.TickAsync(default)));
        Assert.Equal(1, sent.Sum());
        Assert.Equal(2, _channel.ConnectorRequests.Count);
        await AssertScheduledForAsync(h, tables, NextSevenPm.AddDays(1));
    }

    [Fact]
    public async Task A_check_in_before_seven_means_no_reminder_that_day()
    {
        var tables = TableStorageFactory.Create(azurite.ConnectionString);
        var h = await OnboardedInNewYorkAsync(tables);
        var (rowBefore, _) = Assert.Single(await DueRowsAsync(tables, SevenPm));

        h.Clock.SetUtcNow(SevenPm.AddMinutes(-30));
        await h.Flow().CheckIn("7").StartTestAsync();
        var profile = (await h.ProfileAsync())!;
        Assert.Equal(SevenPm.AddMinutes(-30), profile.LastCheckInAt);
        // The check-in turn saves its state in one write: the now outdated row stays where it was.
        Assert.Equal(rowBefore.ETag, Assert.Single(await DueRowsAsync(tables, SevenPm)).Item.ETag);
        Assert.Equal(DueIndex.PartitionFor(SevenPm), profile.ScheduledDueKey);
        Assert.Empty(await DueRowsAsync(tables, NextSevenPm));

        var sender = Sender(h, tables);
        h.Clock.SetUtcNow(SevenPm.AddSeconds(30));
        Assert.Equal(0, await sender.TickAsync(default));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sender.TickAsync(default));

        Assert.Empty(_channel.ConnectorRequests);
        Assert.Empty(await DueRowsAsync(tables, SevenPm));
        await AssertScheduledForAsync(h, tables, NextSevenPm);
        Assert.Null((await h.ProfileAsync())!.LastReminderAt);

        // The day after, with no check-in yet, the reminder comes.
        h.Clock.SetUtcNow(NextSevenPm.AddSeconds(30));
        Assert.Equal(1, await sender.TickAsync(default));
        Assert.Single(_channel.ConnectorRequests);
    }

    [Fact]
    public async Task A_reminder_missed_while_no_sender_ran_does_not_stop_the_next_days_reminder()
    {
        var tables = TableStorageFactory.Create(azurite.ConnectionString);
        var h = await OnboardedInNewYorkAsync(tables);

        // The only instance starts hours after 7pm: the row is older than even the start-up catch-up window.
        var sender = Sender(h, tables);
        h.Clock.SetUtcNow(SevenPm.AddMinutes(ProactiveSender.StartupCatchUpMinutes + 5));
        Assert.Equal(0, await sender.TickAsync(default));

        // The person writes the next morning; their turn must schedule the next reminder again.
        h.Clock.SetUtcNow(SevenPm.AddHours(14));
        await h.Flow().Send("Show me the menu").SkipReplies().StartTestAsync();
        await AssertScheduledForAsync(h, tables, NextSevenPm);

        h.Clock.SetUtcNow(NextSevenPm.AddSeconds(30));
        Assert.Equal(1, await sender.TickAsync(default));
        Assert.Single(_channel.ConnectorRequests);
    }

    [Fact]
    public async Task An_instance_that_starts_shortly_after_the_due_time_still_sends_the_reminder()
    {
        var tables = TableStorageFactory.Create(azurite.ConnectionString);
        var h = await OnboardedInNewYorkAsync(tables);

        var sender = Sender(h, tables);
        h.Clock.SetUtcNow(SevenPm.AddMinutes(40));
        Assert.Equal(1, await sender.TickAsync(default));
        Assert.Single(_channel.ConnectorRequests);
        await AssertScheduledForAsync(h, tables, NextSevenPm);
    }

    /// <summary>Holds the first two reads of a non-empty due partition until both happened.</summary>
    private sealed class BothReadFirst
    {
        private readonly TaskCompletionSource _bothRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public bool Armed { get; set; }

        public bool BothRead => _bothRead.Task.IsCompletedSuccessfully;

        public async Task WaitAsync(string partition, int rows, CancellationToken cancellationToken)
        {
            if (!Armed || rows == 0 || !partition.StartsWith(DueIndex.PartitionPrefix, StringComparison.Ordinal)) return;
            if (Interlocked.Increment(ref _reads) == 2) _bothRead.TrySetResult();
            await _bothRead.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
        }
    }

    /// <summary>Table storage whose due-partition reads wait at a shared gate; everything else goes straight through.</summary>
    private sealed class GatedStorage(TableStorage inner, BothReadFirst gate) : PassThroughStorage(inner)
    {
        public override async Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken)
        {
            var rows = await Inner.QueryAsync(partition, rowPrefix, maxCount, cancellationToken);
            await gate.WaitAsync(partition, rows.Count, cancellationToken);
            return rows;
        }
    }
}
