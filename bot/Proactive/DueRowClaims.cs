using System.Text.Json;
using TrustBot.Journey;
using TrustBot.State;

namespace TrustBot.Bot.Proactive;

/// <summary>
/// Claims rows of the due-time index for one instance, with an ETag-conditional write, so that several
/// instances over one storage send each message once.
/// </summary>
internal sealed class DueRowClaims(IStorage storage, TimeProvider clock)
{
    private readonly string _instance = Guid.NewGuid().ToString("N");

    /// <summary>
    /// The row's entry when this instance now holds it; null when it is not due yet, already claimed, or
    /// unreadable (an unreadable row is removed).
    /// </summary>
    public async Task<DueEntry?> TryClaimAsync(StorageKey key, StoreItem item, CancellationToken cancellationToken)
    {
        DueEntry? entry;
        try
        {
            entry = JsonSerializer.Deserialize(item.Json, ProactiveJson.Default.DueEntry);
        }
        catch (JsonException)
        {
            entry = null;
        }
        if (entry is null || string.IsNullOrEmpty(entry.Person))
        {
            await DropAsync(key, cancellationToken).ConfigureAwait(false);
            return null;
        }
        if (entry.ClaimedBy is not null) return null;
        if (entry.DueAt > clock.GetUtcNow()) return null;

        entry.ClaimedBy = _instance;
        try
        {
            await storage.WriteAsync([new StorageWrite(key, JsonSerializer.Serialize(entry, ProactiveJson.Default.DueEntry), item.ETag)], cancellationToken).ConfigureAwait(false);
        }
        catch (StorageConflictException)
        {
            // Another instance claimed it first (or the person's turn moved it).
            return null;
        }
        return entry;
    }

    /// <summary>Removes a row that no longer stands for a message to send.</summary>
    public async Task DropAsync(StorageKey key, CancellationToken cancellationToken) =>
        await storage.WriteAsync([new StorageWrite(key, null, ETags.Any)], cancellationToken).ConfigureAwait(false);
}
