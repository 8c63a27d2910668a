using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using TrustBot.Bot.Storage;
using TrustBot.Journey;
using TrustBot.State;

namespace TrustBot.Bench;

/// <summary>
/// The scheduler's storage calls by what they are for, with the time spent waiting on them: one entry per
/// Table request the call makes (a point read per key, one transaction per partition written), so the counts
/// add up to the HTTP requests and show where a send's requests and time go. With <c>pointReads</c> a read of
/// several rows of one partition goes as a point read per row, as the sender read a person before it asked for both rows
/// in one query (<c>--point-reads</c>, to compare the two on the same machine).
/// </summary>
internal sealed class SchedulerStorageProfile(IStorage inner, bool pointReads = false) : IStorage
{
    private readonly ConcurrentDictionary<string, Kind> _kinds = new(StringComparer.Ordinal);

    /// <summary>The store the calls go to, for probes that must not be counted or changed.</summary>
    public IStorage Inner => inner;

    public void Reset() => _kinds.Clear();

    /// <summary>One line per kind: requests, requests per send, and the mean wait of the call they were part of.</summary>
    public string Describe(int sends)
    {
        var text = new StringBuilder();
        foreach (var (name, kind) in _kinds.OrderByDescending(k => k.Value.Requests))
            text.Append(CultureInfo.InvariantCulture,
                $"  {name,-34} {kind.Requests,7:N0} requests  {(double)kind.Requests / Math.Max(1, sends),5:F2}/send  {kind.Ticks / (double)Stopwatch.Frequency * 1000 / Math.Max(1, kind.Calls),7:F1} ms per call\n");
        return text.ToString();
    }

    public IReadOnlyDictionary<string, long> RequestsByKind() => _kinds.ToDictionary(k => k.Key, k => k.Value.Requests);

    public async Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ReadAsync(keys, cancellationToken);
        }
        finally
        {
            var rows = string.Join(" + ", keys.Select(k => k.Row).Order(StringComparer.Ordinal));
            Count($"point read ({rows})", keys.Count, started);
        }
    }

    public async Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadRowsAsync(string partition, IReadOnlyCollection<string> rows, CancellationToken cancellationToken)
    {
        if (pointReads) return await ReadAsync([.. rows.Select(row => new StorageKey(partition, row))], cancellationToken);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.ReadRowsAsync(partition, rows, cancellationToken);
        }
        finally
        {
            // Table storage reads a few rows in one query, a single row (or too many for one filter) as point reads.
            var names = string.Join(" + ", rows.Order(StringComparer.Ordinal));
            if (rows.Count is < 2 or > TableStorage.MaxRowsPerQuery) Count($"point read ({names})", rows.Count, started);
            else Count($"rows read in one query ({names})", 1, started);
        }
    }

    public async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.WriteAsync(writes, cancellationToken);
        }
        finally
        {
            // A call writes each partition in its own transaction (up to 100 rows).
            var parts = writes.GroupBy(w => w.Key.Partition).Select(g => (Name: WriteKind(g.ToList()), Transactions: (g.Count() + 99) / 100)).ToList();
            foreach (var group in parts.GroupBy(p => p.Name))
                Count(parts.Count == 1 ? group.Key : group.Key + " (in a call with others)", group.Sum(p => p.Transactions), started, calls: 1);
        }
    }

    public async Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await inner.QueryAsync(partition, rowPrefix, maxCount, cancellationToken);
        }
        finally
        {
            Count(partition.StartsWith(DueIndex.PartitionPrefix, StringComparison.Ordinal) ? "query of a due minute" : "query of a person", 1, started);
        }
    }

    public Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken) => inner.DeletePartitionAsync(partition, cancellationToken);

    private static string WriteKind(List<StorageWrite> partition)
    {
        if (!partition[0].Key.Partition.StartsWith(DueIndex.PartitionPrefix, StringComparison.Ordinal)) return "write of a person's rows";
        // A claim removes the rows as they were read (conditional); moving a schedule removes a row unconditionally.
        if (partition.All(w => w.Json is null && !ETags.IsUnconditional(w.ETag))) return "due rows claimed";
        if (partition.All(w => w.Json is null)) return "due rows removed";
        return "due rows written (next message)";
    }

    private void Count(string name, int requests, long started, int calls = 1)
    {
        var kind = _kinds.GetOrAdd(name, _ => new Kind());
        Interlocked.Add(ref kind.Requests, requests);
        Interlocked.Add(ref kind.Calls, calls);
        Interlocked.Add(ref kind.Ticks, Stopwatch.GetTimestamp() - started);
    }

    private sealed class Kind
    {
        public long Requests;
        public long Calls;
        public long Ticks;
    }
}
