using TrustBot.State;

namespace TrustBot.Bench;

/// <summary>
/// One store made of several, each partition always in the same one (by a stable hash of its name): the bench's way to
/// give Azurite tables of about a thousand people however many are seeded. Keys, rows and every call the sender makes stay
/// as they are; a call touching partitions of several shards goes to each shard with its own part.
/// </summary>
/// <remarks>
/// Azurite finds a row by its RowKey and then scans every row of the table with that RowKey (every profile is <c>user</c>),
/// so its cost per profile access grows with the table. Azure Table Storage serves partitions independently of each other;
/// splitting the emulator's table by partition bounds that scan without changing what the bot stores or asks for. Nothing
/// the sender relies on crosses partitions: writes to one partition are one transaction in one shard, as before, and
/// writes to several partitions were never atomic together.
/// </remarks>
internal sealed class PartitionShards(IReadOnlyList<IStorage> shards) : IStorage
{
    public int Count => shards.Count;

    public async Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken)
    {
        var parts = await Task.WhenAll(keys.GroupBy(k => For(k.Partition)).Select(g => g.Key.ReadAsync([.. g], cancellationToken)));
        return parts.Length == 1 ? parts[0] : parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);
    }

    public Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadRowsAsync(string partition, IReadOnlyCollection<string> rows, CancellationToken cancellationToken) =>
        For(partition).ReadRowsAsync(partition, rows, cancellationToken);

    public async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
    {
        var parts = await Task.WhenAll(writes.GroupBy(w => For(w.Key.Partition)).Select(g => g.Key.WriteAsync([.. g], cancellationToken)));
        return parts.Length == 1 ? parts[0] : parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);
    }

    public Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken) =>
        For(partition).QueryAsync(partition, rowPrefix, maxCount, cancellationToken);

    public Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken) =>
        For(partition).DeletePartitionAsync(partition, cancellationToken);

    /// <summary>The number of the shard that holds <paramref name="partition"/>.</summary>
    public int ShardOf(string partition)
    {
        // FNV-1a: string.GetHashCode differs from process to process, and a partition must land in the same shard every time.
        var hash = 2166136261u;
        foreach (var c in partition) hash = (hash ^ c) * 16777619u;
        return (int)(hash % (uint)shards.Count);
    }

    private IStorage For(string partition) => shards[ShardOf(partition)];
}
