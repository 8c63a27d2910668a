using System.Diagnostics;
using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;
using TrustBot.Bot.Storage;
using TrustBot.State;

namespace TrustBot.Tests.Storage;

/// <summary>What only the Azure Table implementation has to get right: key escaping, size limits, outages.</summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class TableStorageTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => CancellationToken.None;

    private static readonly string LongTeamsId = "29:" + string.Concat(Enumerable.Range(0, 200).Select(i => $"{i:D4}-abc/")).PadRight(1997, 'x');

    [Fact]
    public async Task Keys_with_characters_tables_forbid_round_trip_and_query_by_prefix()
    {
        var storage = TableStorageFactory.Create(azurite.ConnectionString);
        const string partition = "msteams/users/29:1a#b?c\\d%e|f";
        string[] rows =
        [
            "a/b", "a/c#1", "a/d?x=1", "a/e\\f", "a/ctl\u0001\u001f", "a/del\u007f\u0085\u009f", "a/%41", "a/teams:29|x",
            "a/emoji\U0001F600", "a/lone\ud800", "a/nonchar\uffff", "a/'quote''", "b/not-in-prefix", "a", "a%2F",
        ];
        var etags = await storage.WriteAsync(rows.Select((r, i) => new StorageWrite(new StorageKey(partition, r), $"{{\"i\":{i}}}", null)).ToList(), Ct);

        var read = await storage.ReadAsync(rows.Select(r => new StorageKey(partition, r)).ToList(), Ct);
        var underA = await storage.QueryAsync(partition, "a/", 100, Ct);

        Assert.Equal(rows.Length, read.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            var key = new StorageKey(partition, rows[i]);
            Assert.Equal($"{{\"i\":{i}}}", read[key].Json);
            Assert.Equal(etags[key], read[key].ETag);
        }
        Assert.Equal(rows.Where(r => r.StartsWith("a/", StringComparison.Ordinal)).Order(StringComparer.Ordinal),
            underA.Select(r => r.Key.Row).Order(StringComparer.Ordinal));
        Assert.All(underA, r => Assert.Equal(partition, r.Key.Partition));
        Assert.Equal(rows.Length, await storage.DeletePartitionAsync(partition, Ct));
    }

    [Fact]
    public async Task A_persons_profile_and_conversation_reference_are_read_in_one_request()
    {
        var requests = new Integration.RequestCounter();
        var clientOptions = StorageServiceCollectionExtensions.CreateClientOptions();
        clientOptions.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var storage = new TableStorage(
            StorageServiceCollectionExtensions.CreateServiceClient(azurite.ConnectionString, clientOptions),
            Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = AzuriteFixture.NewTablePrefix() }),
            NullLogger<TableStorage>.Instance);
        const string person = "msteams/users/29:1a#b";
        // Two long rows whose keys are hashed: the query must still find them and give back their original names.
        var longRow = "conversations/" + LongTeamsId;
        await storage.WriteAsync(
        [
            new StorageWrite(new(person, "user"), "U", null),
            new StorageWrite(new(person, "reference"), "R", null),
            new StorageWrite(new(person, longRow), "L", null),
            new StorageWrite(new(person, "safety|1"), "S", null),
        ], Ct);
        requests.Reset();

        var read = await storage.ReadRowsAsync(person, ["user", "reference"], Ct);
        var withLong = await storage.ReadRowsAsync(person, [longRow, "user"], Ct);

        Assert.Equal(2, requests.Count("GET"));
        Assert.Equal(("U", "R"), (read[new(person, "user")].Json, read[new(person, "reference")].Json));
        Assert.Equal(("L", "U"), (withLong[new(person, longRow)].Json, withLong[new(person, "user")].Json));
        Assert.Equal(2, withLong.Count);
    }

    [Fact]
    public async Task Two_thousand_char_ids_round_trip_query_by_prefix_and_delete()
    {
        var storage = TableStorageFactory.Create(azurite.ConnectionString);
        var partition = "directline/users/" + LongTeamsId;
        var rowA = "conv/" + LongTeamsId + "/a";
        var rowB = "conv/" + LongTeamsId + "/b";
        Assert.True(rowA.Length > 2000);

        var etags = await storage.WriteAsync([new StorageWrite(new(partition, rowA), "A", null), new StorageWrite(new(partition, rowB), "B", null)], Ct);
        var read = await storage.ReadAsync([new(partition, rowA), new(partition, rowB)], Ct);
        var queried = await storage.QueryAsync(partition, "conv/29:", 10, Ct);
        await storage.WriteAsync([new StorageWrite(new(partition, rowA), "A2", etags[new(partition, rowA)])], Ct);

        Assert.Equal("A", read[new(partition, rowA)].Json);
        Assert.Equal("B", read[new(partition, rowB)].Json);
        Assert.Equal([rowA, rowB], queried.Select(r => r.Key.Row).Order(StringComparer.Ordinal));
        Assert.Equal("A2", (await storage.ReadAsync([new(partition, rowA)], Ct))[new(partition, rowA)].Json);
        Assert.Equal(2, await storage.DeletePartitionAsync(partition, Ct));
    }

    [Fact]
    public async Task A_200_KiB_document_round_trips_split_across_properties_within_the_string_limit()
    {
        var storage = TableStorageFactory.Create(azurite.ConnectionString);
        var key = new StorageKey("webchat/users/big", "journal");
        var json = BigJson(200 * 1024);

        await storage.WriteAsync([new StorageWrite(key, json, null)], Ct);
        var read = await storage.ReadAsync([key], Ct);

        Assert.Equal(json, read[key].Json);
        var raw = await RawTable(storage).GetEntityAsync<TableEntity>(TableKeys.Encode(key.Partition), TableKeys.Encode(key.Row));
        var parts = raw.Value.Keys.Where(k => k.StartsWith('D')).ToList();
        Assert.True(parts.Count >= 7, $"expected the document in several properties, got {parts.Count}");
        Assert.All(parts, p => Assert.True(raw.Value.GetString(p).Length <= 32_000));
    }

    [Fact]
    public async Task A_2_MiB_document_is_rejected_as_too_large_and_nothing_of_the_call_is_written()
    {
        var storage = TableStorageFactory.Create(azurite.ConnectionString);
        var small = new StorageKey("webchat/users/huge", "small");
        var huge = new StorageKey("webchat/users/huge", "journal");

        var error = await Assert.ThrowsAsync<StorageDocumentTooLargeException>(() => storage.WriteAsync(
            [new StorageWrite(small, "{}", null), new StorageWrite(huge, BigJson(2 * 1024 * 1024), null)], Ct));

        Assert.Equal(huge, error.Key);
        Assert.Contains("at most", error.Message);
        Assert.Empty(await storage.ReadAsync([small, huge], Ct));
    }

    [Fact]
    public async Task Killed_storage_fails_within_seconds_as_unavailable_and_the_same_client_recovers_after_restart()
    {
        var storage = TableStorageFactory.Create(azurite.ConnectionString);
        var key = new StorageKey("webchat/users/outage", "state");
        await storage.WriteAsync([new StorageWrite(key, "before", null)], Ct);
        try
        {
            azurite.Kill();

            await AssertUnavailableWithinSecondsAsync(() => storage.ReadAsync([key], Ct));
            await AssertUnavailableWithinSecondsAsync(() => storage.WriteAsync([new StorageWrite(key, "during", null)], Ct));
            await AssertUnavailableWithinSecondsAsync(() => storage.QueryAsync(key.Partition, "", 10, Ct));
            await AssertUnavailableWithinSecondsAsync(() => storage.DeletePartitionAsync(key.Partition, Ct));
        }
        finally
        {
            await azurite.RestartAsync();
        }

        // The emulator restarted empty: the table is recreated on the next write, by the same client.
        await storage.WriteAsync([new StorageWrite(key, "after", null)], Ct);
        Assert.Equal("after", (await storage.ReadAsync([key], Ct))[key].Json);
    }

    [Fact]
    public async Task A_deleted_table_is_created_again_on_the_next_write()
    {
        var storage = TableStorageFactory.Create(azurite.ConnectionString);
        var key = new StorageKey("p", "r");
        await storage.WriteAsync([new StorageWrite(key, "1", null)], Ct);
        await RawTable(storage).DeleteAsync();

        Assert.Empty(await storage.ReadAsync([key], Ct));
        Assert.Empty(await storage.QueryAsync("p", "", 10, Ct));
        await storage.WriteAsync([new StorageWrite(key, "2", null)], Ct);

        Assert.Equal("2", (await storage.ReadAsync([key], Ct))[key].Json);
    }

    [Fact]
    public async Task A_write_of_more_than_one_transaction_in_one_partition_applies_every_document()
    {
        var storage = TableStorageFactory.Create(azurite.ConnectionString);
        var writes = Enumerable.Range(0, 230).Select(i => new StorageWrite(new StorageKey("bulk", $"r{i:D3}"), $"{i}", null)).ToList();

        var etags = await storage.WriteAsync(writes, Ct);
        var rows = await storage.QueryAsync("bulk", "r", 1000, Ct);

        Assert.Equal(230, etags.Count);
        Assert.Equal(writes.Select(w => w.Key.Row), rows.Select(r => r.Key.Row));
    }

    private static async Task AssertUnavailableWithinSecondsAsync(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<StorageUnavailableException>(call);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(6), $"giving up took {clock.Elapsed}");
        Assert.Contains("Storage:ConnectionString", error.Message);
    }

    private TableClient RawTable(TableStorage storage) =>
        new TableServiceClient(azurite.ConnectionString).GetTableClient(storage.TableName);

    /// <summary>A JSON document of about <paramref name="chars"/> chars with quotes, escapes and non-ASCII text.</summary>
    private static string BigJson(int chars)
    {
        var sb = new StringBuilder("{\"entries\":[");
        for (var i = 0; sb.Length < chars; i++)
            sb.Append(i == 0 ? "" : ",").Append($"{{\"n\":{i},\"text\":\"Wir haben gesprochen \\u2014 calm talk #{i}, \\\"quoted\\\" ä ü ✓\"}}");
        return sb.Append("]}").ToString();
    }
}
