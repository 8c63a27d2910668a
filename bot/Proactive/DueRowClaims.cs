using System.Text.Json;
using TrustBot.Journey;
using TrustBot.State;

namespace TrustBot.Bot.Proactive;

/// <summary>
/// Claims rows of the due-time index for one instance by removing them, each only as it was read (its ETag),
/// so that several instances over one storage send each message once.
/// </summary>
/// <remarks>
/// A claim is the row's removal rather than a mark written into it: the row has nothing more to say once one
/// instance owns its message, and removing it at once spares a second write per message (the removal after
/// the send). An instance that stops between the claim and recording the send leaves the person's profile
/// naming a minute that has passed; their next turn schedules again from it (see <see cref="DueIndex.Reschedule"/>),
/// as it did when a marked row was left behind.
/// </remarks>
internal sealed class DueRowClaims(IStorage storage, TimeProvider clock)
{
    /// <summary>
    /// Claims up to <paramref name="max"/> of <paramref name="rows"/> (rows of one index partition, as read) in a
    /// single write: every row's removal carries its own ETag and the partition's writes are all-or-nothing, so the
    /// claim costs one storage call however many rows it takes, and a row another instance claimed first (or a turn
    /// moved) fails the whole write: <see cref="ClaimBatch.Conflict"/>, nothing claimed; read the partition
    /// again and retry. <see cref="ClaimBatch.Settled"/> lists the rows looked at that need no retry: those
    /// claimed now, not due yet, marked as claimed by an earlier version, or unreadable (removed).
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
            // A row an earlier version marked as claimed is that instance's to finish.
            if (entry.ClaimedBy is not null || entry.DueAt > now)
            {
                settled.Add(key);
                continue;
            }
            claims.Add((key, entry));
            writes.Add(new StorageWrite(key, null, item.ETag));
        }

        if (unreadable.Count > 0) await storage.WriteAsync(unreadable, cancellationToken).ConfigureAwait(false);
        if (writes.Count == 0) return new ClaimBatch([], settled, Conflict: false);
        try
        {
            await storage.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // Another instance claimed one of them first (or the person's turn moved it): none are ours.
            return new ClaimBatch([], settled, Conflict: true);
        }
        settled.AddRange(claims.Select(c => c.Key));
        return new ClaimBatch(claims.Select(c => new ClaimedRow(c.Key, c.Entry)).ToList(), settled, Conflict: false);
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

/// <summary>A due row this instance claimed (and so removed), with what it said.</summary>
internal sealed record ClaimedRow(StorageKey Key, DueEntry Entry);
