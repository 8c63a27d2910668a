namespace TrustBot.State;

/// <summary>
/// The state documents (profile row, dialog stacks) of recently active people, with the ETags they
/// were read or written with, so a warm turn needs no read. Bounded by people (least recently used
/// go first) and by age. It is an optimisation only: every write stays conditional on the cached
/// ETag, so a document another instance changed makes the write fail and the turn reload.
/// </summary>
/// <remarks>
/// Only rows that a turn loaded are cached; writes made through <see cref="Observe"/> keep those
/// rows current (or drop them on a conflict), so the proactive sender's writes on this instance
/// never leave a turn with an old profile. A load that raced with a write is not kept.
/// </remarks>
public sealed class StateCache
{
    private const int Stripes = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Person>> _people = new(StringComparer.Ordinal);
    private readonly LinkedList<Person> _recency = new();
    private readonly long[] _versions = new long[Stripes];
    private readonly TimeProvider _clock;

    /// <param name="maxPeople">How many people's documents are kept; 0 turns the cache off.</param>
    /// <param name="maxAge">How long a document is trusted without a read or write confirming it.</param>
    /// <param name="clock">The clock ages are measured with.</param>
    public StateCache(int maxPeople, TimeSpan maxAge, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxPeople);
        if (maxAge <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxAge), "The cache's age limit must be positive.");
        MaxPeople = maxPeople;
        MaxAge = maxAge;
        _clock = clock;
    }

    public int MaxPeople { get; }

    public TimeSpan MaxAge { get; }

    public bool Enabled => MaxPeople > 0;

    /// <summary>People whose documents are held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _people.Count;
        }
    }

    /// <summary>A storage whose writes keep this cache current; reads go straight to <paramref name="inner"/>.</summary>
    public IStorage Observe(IStorage inner) => new ObservedStorage(inner, this);

    /// <summary>
    /// Every key's document (null = known to be absent) when all are cached and fresh; otherwise false
    /// and the turn reads them all.
    /// </summary>
    internal bool TryGet(StorageKey[] keys, StoreItem?[] items)
    {
        if (!Enabled) return false;
        var now = _clock.GetTimestamp();
        lock (_gate)
        {
            for (var i = 0; i < keys.Length; i++)
            {
                if (!_people.TryGetValue(keys[i].Partition, out var node)
                    || !node.Value.Rows.TryGetValue(keys[i].Row, out var doc)
                    || _clock.GetElapsedTime(doc.ConfirmedAt, now) > MaxAge)
                    return false;
                items[i] = doc.Item;
            }
            for (var i = 0; i < keys.Length; i++) Touch(_people[keys[i].Partition]);
            return true;
        }
    }

    /// <summary>The write version of a partition; taken before a read so a write that lands meanwhile voids it.</summary>
    internal long Version(string partition)
    {
        lock (_gate) return _versions[Stripe(partition)];
    }

    /// <summary>Keeps what a read returned, unless the partition was written since <paramref name="version"/>.</summary>
    internal void Fill(StorageKey key, StoreItem? item, long version)
    {
        if (!Enabled) return;
        var now = _clock.GetTimestamp();
        lock (_gate)
        {
            if (_versions[Stripe(key.Partition)] != version) return;
            if (!_people.TryGetValue(key.Partition, out var node))
            {
                while (_people.Count >= MaxPeople && _recency.Last is { } oldest)
                {
                    _recency.RemoveLast();
                    _people.Remove(oldest.Value.Partition);
                }
                node = _recency.AddFirst(new Person(key.Partition));
                _people[key.Partition] = node;
            }
            else
            {
                Touch(node);
            }
            node.Value.Rows[key.Row] = new Doc(item, now);
        }
    }

    /// <summary>Records successful writes: cached rows take the written version (or become absent).</summary>
    internal void Written(IReadOnlyList<StorageWrite> writes, IReadOnlyDictionary<StorageKey, string> etags)
    {
        var now = _clock.GetTimestamp();
        lock (_gate)
        {
            foreach (var write in writes)
            {
                _versions[Stripe(write.Key.Partition)]++;
                if (!_people.TryGetValue(write.Key.Partition, out var node) || !node.Value.Rows.ContainsKey(write.Key.Row)) continue;
                if (write.Json is null)
                    node.Value.Rows[write.Key.Row] = new Doc(null, now);
                else if (etags.TryGetValue(write.Key, out var etag))
                    node.Value.Rows[write.Key.Row] = new Doc(new StoreItem(write.Json, etag), now);
                else
                    node.Value.Rows.Remove(write.Key.Row);
            }
        }
    }

    /// <summary>Drops everything cached about the partitions (a conflict, a failed or erasing write).</summary>
    internal void Forget(IEnumerable<string> partitions)
    {
        lock (_gate)
        {
            foreach (var partition in partitions)
            {
                _versions[Stripe(partition)]++;
                if (_people.Remove(partition, out var node)) _recency.Remove(node);
            }
        }
    }

    private void Touch(LinkedListNode<Person> node)
    {
        if (node.Previous is null) return;
        _recency.Remove(node);
        _recency.AddFirst(node);
    }

    private static int Stripe(string partition) => (int)((uint)StringComparer.Ordinal.GetHashCode(partition) % Stripes);

    private sealed class Person(string partition)
    {
        public string Partition { get; } = partition;

        /// <summary>Usually two rows: <c>user</c> and one <c>conversations/…</c> per conversation.</summary>
        public Dictionary<string, Doc> Rows { get; } = new(2, StringComparer.Ordinal);
    }

    private readonly record struct Doc(StoreItem? Item, long ConfirmedAt);

    /// <summary>Passes every call through and tells the cache what was written.</summary>
    private sealed class ObservedStorage(IStorage inner, StateCache cache) : IStorage
    {
        public Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken) =>
            inner.ReadAsync(keys, cancellationToken);

        public Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadRowsAsync(string partition, IReadOnlyCollection<string> rows, CancellationToken cancellationToken) =>
            inner.ReadRowsAsync(partition, rows, cancellationToken);

        public Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
        {
            // A write that finished at once (in memory) is recorded and its own task returned, not one made around it.
            Task<IReadOnlyDictionary<StorageKey, string>> writing;
            try
            {
                writing = inner.WriteAsync(writes, cancellationToken);
            }
            catch
            {
                // A storage may refuse at once (a conflict found in memory): as for a failed write, below.
                cache.Forget(writes.Select(w => w.Key.Partition).Distinct());
                throw;
            }
            if (!writing.IsCompletedSuccessfully) return RecordWhenWrittenAsync(writes, writing);
            cache.Written(writes, writing.Result);
            return writing;
        }

        private async Task<IReadOnlyDictionary<StorageKey, string>> RecordWhenWrittenAsync(IReadOnlyList<StorageWrite> writes, Task<IReadOnlyDictionary<StorageKey, string>> writing)
        {
            IReadOnlyDictionary<StorageKey, string> etags;
            try
            {
                etags = await writing.ConfigureAwait(false);
            }
            catch
            {
                // Some partitions of a multi-partition write may have been applied: their versions are unknown now.
                cache.Forget(writes.Select(w => w.Key.Partition).Distinct());
                throw;
            }
            cache.Written(writes, etags);
            return etags;
        }

        public Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken) =>
            inner.QueryAsync(partition, rowPrefix, maxCount, cancellationToken);

        public async Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken)
        {
            try
            {
                return await inner.DeletePartitionAsync(partition, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                cache.Forget([partition]);
            }
        }
    }
}
