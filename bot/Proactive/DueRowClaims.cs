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
        return new ClaimBatch(claims, settled, Conflict: false);
    }

    /// <summary>Removes a row that no longer stands for a message to send.</summary>
    public async Task DropAsync(StorageKey key, CancellationToken cancellationToken) =>
        await storage.WriteAsync([new StorageWrite(key, null, ETags.Any)], cancellationToken).ConfigureAwait(false);

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
internal sealed record ClaimBatch(IReadOnlyList<(StorageKey Key, DueEntry Entry)> Claimed, IReadOnlyList<StorageKey> Settled, bool Conflict);
