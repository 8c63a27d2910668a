namespace TrustBot.State;

/// <summary>An in-memory <see cref="IStorage"/> with the same ETag rules as the table storage.</summary>
public sealed class MemoryStorage : IStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Rows> _partitions = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>An independent copy of everything stored (items are immutable, so sharing them is safe); lets tests branch a conversation.</summary>
    public MemoryStorage Clone()
    {
        var copy = new MemoryStorage();
        lock (_gate)
        {
            foreach (var (partition, rows) in _partitions) copy._partitions[partition] = rows.Clone();
            copy._version = _version;
        }
        return copy;
    }

    /// <summary>Number of read calls (a read of several keys counts once); for tests and benchmarks.</summary>
    public int ReadCalls { get; private set; }

    /// <summary>Number of write calls; for tests and benchmarks.</summary>
    public int WriteCalls { get; private set; }

    public Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new Dictionary<StorageKey, StoreItem>();
        lock (_gate)
        {
            ReadCalls++;
            foreach (var key in keys)
            {
                if (_partitions.TryGetValue(key.Partition, out var rows) && rows.TryGetValue(key.Row, out var item))
                    result[key] = item;
            }
        }
        return Task.FromResult<IReadOnlyDictionary<StorageKey, StoreItem>>(result);
    }

    public Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var etags = new Dictionary<StorageKey, string>();
        lock (_gate)
        {
            WriteCalls++;
            // Partition by partition in order of first appearance, each all or nothing (loops: this runs on every benchmarked turn).
            for (var first = 0; first < writes.Count; first++)
            {
                var partition = writes[first].Key.Partition;
                if (!IsFirstOf(writes, first)) continue;
                _partitions.TryGetValue(partition, out var rows);
                for (var i = first; i < writes.Count; i++)
                    if (writes[i].Key.Partition == partition) CheckCondition(rows, writes[i]);
                if (rows is null) _partitions[partition] = rows = new Rows();
                for (var i = first; i < writes.Count; i++)
                {
                    var w = writes[i];
                    if (w.Key.Partition != partition) continue;
                    if (w.Json is null)
                    {
                        rows.Remove(w.Key.Row);
                        continue;
                    }
                    var etag = $"W/\"{++_version}\"";
                    rows.Set(w.Key.Row, new StoreItem(w.Json, etag));
                    etags[w.Key] = etag;
                }
                if (rows.Count == 0) _partitions.Remove(partition);
            }
        }
        return Task.FromResult<IReadOnlyDictionary<StorageKey, string>>(etags);
    }

    private static bool IsFirstOf(IReadOnlyList<StorageWrite> writes, int index)
    {
        for (var i = 0; i < index; i++)
            if (writes[i].Key.Partition == writes[index].Key.Partition) return false;
        return true;
    }

    private static void CheckCondition(Rows? rows, StorageWrite w)
    {
        StoreItem? current = null;
        rows?.TryGetValue(w.Key.Row, out current);
        if (ETags.IsUnconditional(w.ETag)) return;
        if (w.ETag == ETags.New)
        {
            if (current is not null) throw new StorageConflictException(w.Key);
            return;
        }
        if (current is null || current.ETag != w.ETag) throw new StorageConflictException(w.Key);
    }

    public Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = new List<KeyValuePair<StorageKey, StoreItem>>();
        lock (_gate)
        {
            ReadCalls++;
            if (_partitions.TryGetValue(partition, out var rows))
            {
                foreach (var row in rows.Ordered)
                {
                    if (result.Count >= maxCount) break;
                    // Rows are in ordinal order, so the prefix's rows are one run: skip to it and stop after it.
                    if (string.CompareOrdinal(row, rowPrefix) < 0) continue;
                    if (!row.StartsWith(rowPrefix, StringComparison.Ordinal)) break;
                    result.Add(new(new StorageKey(partition, row), rows.Items[row]));
                }
            }
        }
        return Task.FromResult<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>>(result);
    }

    public Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            WriteCalls++;
            if (!_partitions.Remove(partition, out var rows)) return Task.FromResult(0);
            return Task.FromResult(rows.Count);
        }
    }

    /// <summary>
    /// One partition's rows: found by key in a hash table, and kept in row-key order for range queries. A person's
    /// partition grows by a record with every check-in, and a turn looks up and replaces the same two state rows: in
    /// an ordered tree alone each of those cost a dozen string comparisons that grew with the partition.
    /// </summary>
    private sealed class Rows
    {
        public Dictionary<string, StoreItem> Items { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Ordered { get; } = new(StringComparer.Ordinal);

        public int Count => Items.Count;

        public bool TryGetValue(string row, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out StoreItem item) => Items.TryGetValue(row, out item);

        public void Set(string row, StoreItem item)
        {
            // A row that exists keeps its place in the order: only a new row is sorted in.
            if (Items.TryAdd(row, item)) Ordered.Add(row);
            else Items[row] = item;
        }

        public void Remove(string row)
        {
            if (Items.Remove(row)) Ordered.Remove(row);
        }

        public Rows Clone()
        {
            var copy = new Rows();
            foreach (var (row, item) in Items) copy.Items[row] = item;
            copy.Ordered.UnionWith(Ordered);
            return copy;
        }
    }
}
