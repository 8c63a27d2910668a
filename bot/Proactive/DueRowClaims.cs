using System.Text.Json;
using TrustBot.Journey;
using TrustBot.State;

namespace TrustBot.Bot.Proactive;

/// <summary>
/// Claims rows of the due-time index for one instance, with ETag-conditional writes, so that several
/// instances over one storage send each message once.
/// </summary>
internal sealed class DueRowClaims(IStorage storage, TimeProvider clock)
{
    private readonly string _instance = Guid.NewGuid().ToString("N");

    /// <summary>
    /// Claims up to <paramref name="max"/> of <paramref name="rows"/> (rows of one index partition, as read) in a
    /// single write: every row carries its own ETag and the partition's writes are all-or-nothing, so the claim
    /// costs one storage call however many rows it takes, and a row another instance claimed first (or a turn
    /// moved) fails the whole write: <see cref="ClaimBatch.Conflict"/>, nothing claimed; read the partition
    /// again and retry. <see cref="ClaimBatch.Settled"/> lists the rows looked at that need no retry: those
    /// claimed now, not due yet, claimed by someone already, or unreadable (removed).
    /// </summary>
    public async Task<ClaimBatch> TryClaimAsync(IEnumerable<KeyValuePair<StorageKey, StoreItem>> rows, int max, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settled = new List<StorageKey>();
        var unreadable = new List<StorageWrite>();
        var claims = new List<(StorageKey Key, DueEntry Entry)>();
        var writes = new List<StorageWrite>();
        foreach (var (key, item) in rows)
        {
            if (claims.Count == max) break;
            var entry = Parse(item);
            if (entry is null || string.IsNullOrEmpty(entry.Person))
            {
                unreadable.Add(new StorageWrite(key, null, ETags.Any));
                settled.Add(key);
                continue;
            }
            if (entry.ClaimedBy is not null || entry.DueAt > now)
            {
                settled.Add(key);
                continue;
            }
            entry.ClaimedBy = _instance;
            claims.Add((key, entry));
            writes.Add(new StorageWrite(key, JsonSerializer.Serialize(entry, ProactiveJson.Default.DueEntry), item.ETag));
        }

        if (unreadable.Count > 0) await storage.WriteAsync(unreadable, cancellationToken).ConfigureAwait(false);
        if (writes.Count == 0) return new ClaimBatch([], settled, Conflict: false);
        IReadOnlyDictionary<StorageKey, string> etags;
        try
        {
            etags = await storage.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // Another instance claimed one of them first (or the person's turn moved it): none are ours.
            return new ClaimBatch([], settled, Conflict: true);
        }
        settled.AddRange(claims.Select(c => c.Key));
        return new ClaimBatch(claims.Select(c => new ClaimedRow(c.Key, c.Entry, etags[c.Key])).ToList(), settled, Conflict: false);
    }

    /// <summary>
    /// Removes processed rows of one claim in one call, each only as this instance's claim left it: a row someone
    /// rewrote since (a turn that scheduled the same minute again) stays. When one of them changed, the others
    /// are removed one by one.
    /// </summary>
    public async Task RemoveAsync(IReadOnlyList<ClaimedRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        try
        {
            await storage.WriteAsync(rows.Select(r => new StorageWrite(r.Key, null, r.ETag)).ToList(), cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (StorageConflictException)
        {
            // One row changed or went (theirs to keep): the partition's deletes were all refused together.
            if (rows.Count == 1) return;
        }
        foreach (var row in rows)
        {
            try
            {
                await storage.WriteAsync([new StorageWrite(row.Key, null, row.ETag)], cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException)
            {
                // Rewritten or removed by someone else: theirs to keep.
            }
        }
    }

    private static DueEntry? Parse(StoreItem item)
    {
        try
        {
            return JsonSerializer.Deserialize(item.Json, ProactiveJson.Default.DueEntry);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What one claim write took: the rows now this instance's, the rows needing no retry, and whether it lost a race.</summary>
internal sealed record ClaimBatch(IReadOnlyList<ClaimedRow> Claimed, IReadOnlyList<StorageKey> Settled, bool Conflict);

/// <summary>A due row this instance claimed, with the ETag its claim wrote.</summary>
internal sealed record ClaimedRow(StorageKey Key, DueEntry Entry, string ETag);
