using TrustBot.State;

namespace TrustBot.Tests.Storage;

/// <summary>The <see cref="IStorage"/> contract; every implementation must pass the same tests.</summary>
public abstract class StorageContractTests
{
    protected abstract IStorage Storage { get; }

    private static CancellationToken Ct => CancellationToken.None;

    private static StorageKey Key(string partition, string row) => new(partition, row);

    private async Task<string> PutAsync(StorageKey key, string json, string? etag = null) =>
        (await Storage.WriteAsync([new StorageWrite(key, json, etag)], Ct))[key];

    private async Task<StoreItem?> GetAsync(StorageKey key) =>
        (await Storage.ReadAsync([key], Ct)).TryGetValue(key, out var item) ? item : null;

    [Fact]
    public async Task Written_document_reads_back_with_the_etag_the_write_returned()
    {
        var key = Key("webchat/users/u1", "state");
        var etag = await PutAsync(key, """{"name":"Sam","step":3}""");

        var read = await GetAsync(key);

        Assert.NotNull(read);
        Assert.Equal("""{"name":"Sam","step":3}""", read.Json);
        Assert.Equal(etag, read.ETag);
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task Reading_several_keys_returns_only_those_that_exist()
    {
        var a = Key("p1", "a");
        var b = Key("p2", "b");
        await PutAsync(a, "1");
        await PutAsync(b, "2");

        var read = await Storage.ReadAsync([a, Key("p1", "missing"), b, Key("nowhere", "x")], Ct);

        Assert.Equal(2, read.Count);
        Assert.Equal("1", read[a].Json);
        Assert.Equal("2", read[b].Json);
    }

    [Fact]
    public async Task Rows_of_one_partition_read_together_come_back_as_read_one_by_one_with_their_etags()
    {
        var person = "msteams/users/29:abc";
        var etags = await Storage.WriteAsync(
        [
            new StorageWrite(Key(person, "user"), """{"name":"Sam"}""", null),
            new StorageWrite(Key(person, "reference"), """{"conversation":"c1"}""", null),
            new StorageWrite(Key(person, "safety|1"), """{"between":"the two rows"}""", null),
            new StorageWrite(Key(person, "conversations/a:1#x?y"), """{"escaped":true}""", null),
        ], Ct);
        await PutAsync(Key("msteams/users/29:other", "user"), """{"name":"Alex"}""");

        var read = await Storage.ReadRowsAsync(person, ["user", "reference", "conversations/a:1#x?y", "missing"], Ct);

        Assert.Equal(3, read.Count);
        Assert.Equal("""{"name":"Sam"}""", read[Key(person, "user")].Json);
        Assert.Equal("""{"conversation":"c1"}""", read[Key(person, "reference")].Json);
        Assert.Equal("""{"escaped":true}""", read[Key(person, "conversations/a:1#x?y")].Json);
        Assert.All(read, r => Assert.Equal(etags[r.Key], r.Value.ETag));
        Assert.Equal(read, await Storage.ReadAsync([Key(person, "user"), Key(person, "reference"), Key(person, "conversations/a:1#x?y"), Key(person, "missing")], Ct));
    }

    [Fact]
    public async Task A_row_read_together_with_another_carries_the_etag_a_conditional_write_needs()
    {
        var user = Key("p", "user");
        await PutAsync(user, "1");
        await PutAsync(Key("p", "reference"), "r");

        var read = await Storage.ReadRowsAsync("p", ["user", "reference"], Ct);
        await PutAsync(user, "2", read[user].ETag);

        await Assert.ThrowsAsync<StorageConflictException>(() => PutAsync(user, "3", read[user].ETag));
        Assert.Equal("2", (await GetAsync(user))!.Json);
    }

    [Fact]
    public async Task Reading_rows_of_a_partition_with_none_of_them_returns_nothing()
    {
        await PutAsync(Key("p", "user"), "1");

        Assert.Empty(await Storage.ReadRowsAsync("p", ["reference", "zzz"], Ct));
        Assert.Empty(await Storage.ReadRowsAsync("nowhere", ["user", "reference"], Ct));
    }

    [Fact]
    public async Task Missing_key_is_absent_from_the_result()
    {
        var read = await Storage.ReadAsync([Key("webchat/users/nobody", "state")], Ct);
        Assert.Empty(read);
    }

    [Fact]
    public async Task Write_with_the_current_etag_succeeds_and_changes_the_etag()
    {
        var key = Key("p", "doc");
        var first = await PutAsync(key, "1");

        var second = await PutAsync(key, "2", first);

        Assert.NotEqual(first, second);
        var read = await GetAsync(key);
        Assert.Equal("2", read!.Json);
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task Write_with_a_stale_etag_conflicts_and_keeps_the_newer_document()
    {
        var key = Key("p", "doc");
        var stale = await PutAsync(key, "1");
        await PutAsync(key, "2", stale);

        var conflict = await Assert.ThrowsAsync<StorageConflictException>(() => PutAsync(key, "3", stale));

        Assert.Equal(key, conflict.Key);
        Assert.Equal("2", (await GetAsync(key))!.Json);
    }

    [Fact]
    public async Task Conditional_write_of_a_missing_document_conflicts()
    {
        var key = Key("p", "doc");
        var etag = await PutAsync(key, "1");
        await Storage.WriteAsync([new StorageWrite(key, null, null)], Ct);

        await Assert.ThrowsAsync<StorageConflictException>(() => PutAsync(key, "2", etag));
        Assert.Null(await GetAsync(key));
    }

    [Fact]
    public async Task Create_only_write_creates_a_missing_document()
    {
        var key = Key("p", "new-doc");
        var etag = await PutAsync(key, "1", ETags.New);
        Assert.Equal(etag, (await GetAsync(key))!.ETag);
    }

    [Fact]
    public async Task Create_only_write_on_an_existing_document_conflicts()
    {
        var key = Key("p", "doc");
        await PutAsync(key, "1");

        await Assert.ThrowsAsync<StorageConflictException>(() => PutAsync(key, "2", ETags.New));
        Assert.Equal("1", (await GetAsync(key))!.Json);
    }

    [Theory]
    [InlineData("*")]
    [InlineData(null)]
    public async Task Unconditional_write_overwrites_whatever_version_is_stored(string? etag)
    {
        var key = Key("p", "doc");
        await PutAsync(key, "1");
        await PutAsync(key, "2");

        await PutAsync(key, "3", etag);

        Assert.Equal("3", (await GetAsync(key))!.Json);
    }

    [Fact]
    public async Task One_conflicting_write_in_a_partition_batch_applies_none_of_them()
    {
        var a = Key("person-1", "a");
        var b = Key("person-1", "b");
        var c = Key("person-1", "c");
        var etagA = await PutAsync(a, "a1");
        var etagB = await PutAsync(b, "b1");
        await PutAsync(b, "b2", etagB);

        await Assert.ThrowsAsync<StorageConflictException>(() => Storage.WriteAsync(
        [
            new StorageWrite(a, "a2", etagA),
            new StorageWrite(b, "b3", etagB),
            new StorageWrite(c, "c1", ETags.New),
        ], Ct));

        var read = await Storage.ReadAsync([a, b, c], Ct);
        Assert.Equal("a1", read[a].Json);
        Assert.Equal("b2", read[b].Json);
        Assert.False(read.ContainsKey(c));
    }

    [Fact]
    public async Task Batch_write_returns_a_new_etag_for_every_written_document()
    {
        var writes = Enumerable.Range(0, 5).Select(i => new StorageWrite(Key("person-2", $"r{i}"), $"{i}", null)).ToList();

        var etags = await Storage.WriteAsync(writes, Ct);

        var read = await Storage.ReadAsync(writes.Select(w => w.Key).ToList(), Ct);
        Assert.Equal(5, etags.Count);
        foreach (var w in writes) Assert.Equal(etags[w.Key], read[w.Key].ETag);
    }

    [Fact]
    public async Task Null_json_deletes_the_document()
    {
        var key = Key("p", "doc");
        var etag = await PutAsync(key, "1");

        var result = await Storage.WriteAsync([new StorageWrite(key, null, etag)], Ct);

        Assert.False(result.ContainsKey(key));
        Assert.Null(await GetAsync(key));
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_conflicts_and_keeps_the_document()
    {
        var key = Key("p", "doc");
        var stale = await PutAsync(key, "1");
        await PutAsync(key, "2");

        await Assert.ThrowsAsync<StorageConflictException>(() => Storage.WriteAsync([new StorageWrite(key, null, stale)], Ct));

        Assert.Equal("2", (await GetAsync(key))!.Json);
    }

    [Fact]
    public async Task Create_only_delete_conflicts_when_the_document_exists_and_is_a_no_op_when_it_does_not()
    {
        var key = Key("p", "doc");
        await Storage.WriteAsync([new StorageWrite(key, null, ETags.New)], Ct);
        await PutAsync(key, "1");

        await Assert.ThrowsAsync<StorageConflictException>(() => Storage.WriteAsync([new StorageWrite(key, null, ETags.New)], Ct));

        Assert.Equal("1", (await GetAsync(key))!.Json);
    }

    [Fact]
    public async Task Deleting_a_missing_document_is_not_an_error_and_the_other_writes_apply()
    {
        var kept = Key("p", "kept");

        await Storage.WriteAsync([new StorageWrite(Key("p", "never-written"), null, null), new StorageWrite(kept, "1", null)], Ct);

        Assert.Equal("1", (await GetAsync(kept))!.Json);
    }

    [Fact]
    public async Task Concurrent_writers_with_the_same_etag_have_exactly_one_winner()
    {
        var key = Key("p", "contended");
        var etag = await PutAsync(key, "0");

        var attempts = Enumerable.Range(1, 4).Select(async i =>
        {
            try
            {
                await PutAsync(key, $"{i}", etag);
                return true;
            }
            catch (StorageConflictException)
            {
                return false;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(won => won));
    }

    [Fact]
    public async Task Query_returns_rows_with_the_prefix_in_ascending_order_up_to_maxCount()
    {
        const string partition = "msteams/users/29:query";
        await Storage.WriteAsync(
        [
            new StorageWrite(Key(partition, "journal:0003"), "3", null),
            new StorageWrite(Key(partition, "journal:0001"), "1", null),
            new StorageWrite(Key(partition, "win:0001"), "w", null),
            new StorageWrite(Key(partition, "journal:0002"), "2", null),
            new StorageWrite(Key(partition, "journal"), "bare", null),
            new StorageWrite(Key(partition, "journak"), "before", null),
        ], Ct);
        await PutAsync(Key("msteams/users/29:other", "journal:0000"), "other");

        var all = await Storage.QueryAsync(partition, "journal:", 10, Ct);
        var firstTwo = await Storage.QueryAsync(partition, "journal:", 2, Ct);
        var none = await Storage.QueryAsync(partition, "zzz", 10, Ct);

        Assert.Equal(["journal:0001", "journal:0002", "journal:0003"], all.Select(r => r.Key.Row));
        Assert.Equal(["1", "2", "3"], all.Select(r => r.Value.Json));
        Assert.All(all, r => Assert.Equal(partition, r.Key.Partition));
        Assert.Equal(["journal:0001", "journal:0002"], firstTwo.Select(r => r.Key.Row));
        Assert.Empty(none);
    }

    [Fact]
    public async Task Query_with_an_empty_prefix_returns_the_whole_partition_in_order()
    {
        await Storage.WriteAsync([new StorageWrite(Key("p", "b"), "b", null), new StorageWrite(Key("p", "a"), "a", null)], Ct);

        var rows = await Storage.QueryAsync("p", "", 100, Ct);

        Assert.Equal(["a", "b"], rows.Select(r => r.Key.Row));
    }

    [Fact]
    public async Task Query_rows_carry_the_etag_needed_for_a_conditional_update()
    {
        var key = Key("p", "row");
        await PutAsync(key, "1");
        var row = Assert.Single(await Storage.QueryAsync("p", "row", 10, Ct));

        await PutAsync(key, "2", row.Value.ETag);

        Assert.Equal("2", (await GetAsync(key))!.Json);
    }

    [Fact]
    public async Task DeletePartition_deletes_every_row_of_that_partition_and_no_other()
    {
        const string doomed = "webchat/users/leaving";
        const string other = "webchat/users/staying";
        // More than one transaction's worth of rows.
        var writes = Enumerable.Range(0, 150).Select(i => new StorageWrite(Key(doomed, $"row:{i:D4}"), $"{i}", null)).ToList();
        await Storage.WriteAsync(writes, Ct);
        await PutAsync(Key(other, "state"), "kept");

        var deleted = await Storage.DeletePartitionAsync(doomed, Ct);

        Assert.Equal(150, deleted);
        Assert.Empty(await Storage.QueryAsync(doomed, "", 1000, Ct));
        Assert.Equal("kept", (await GetAsync(Key(other, "state")))!.Json);
        Assert.Equal(0, await Storage.DeletePartitionAsync(doomed, Ct));
    }
}

public sealed class MemoryStorageContractTests : StorageContractTests
{
    protected override IStorage Storage { get; } = new MemoryStorage();
}

[Trait(Tier.Name, Tier.Integration)]
[Collection(AzuriteCollection.Name)]
public sealed class TableStorageContractTests(AzuriteFixture azurite) : StorageContractTests
{
    protected override IStorage Storage { get; } = TableStorageFactory.Create(azurite.ConnectionString);
}
