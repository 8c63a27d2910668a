using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Schema;
using TrustBot.State;

namespace TrustBot.Journey;

/// <summary>
/// The person's profile where their turns keep it (a property of their user state), for work done
/// outside a turn: the proactive sender and tests. A change is an ETag-conditional write, re-read and
/// applied again on conflict, so a turn that saved in between is never overwritten.
/// </summary>
internal sealed class ProfileStore(IStorage storage)
{
    /// <summary>The property of the user state that holds the profile.</summary>
    public const string Property = "profile";

    /// <summary>How often a change is tried against a profile the person's turns keep changing.</summary>
    public const int MaxAttempts = 3;

    /// <summary>The person's profile, or null when nothing (or nothing readable) is stored.</summary>
    public async Task<JourneyProfile?> ReadAsync(string person, CancellationToken cancellationToken)
    {
        var key = UserState.KeyFor(person);
        var items = await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        return items.TryGetValue(key, out var item) ? Parse(item) : null;
    }

    /// <summary>
    /// The person's profile and the conversation they last used, in one read, with the profile's row as stored
    /// (pass it to <see cref="UpdateAsync(string, StoreItem?, Func{JourneyProfile, IEnumerable{StorageWrite}}, CancellationToken)"/>
    /// so the change needs no second read).
    /// </summary>
    public async Task<(JourneyProfile? Profile, ConversationReference? Reference, StoreItem? Stored)> ReadWithReferenceAsync(string person, CancellationToken cancellationToken)
    {
        var userKey = UserState.KeyFor(person);
        var referenceKey = new StorageKey(person, RecordKinds.Reference);
        var items = await storage.ReadAsync([userKey, referenceKey], cancellationToken).ConfigureAwait(false);
        var profile = items.TryGetValue(userKey, out var userItem) ? Parse(userItem) : null;
        var reference = items.TryGetValue(referenceKey, out var referenceItem) ? ParseReference(referenceItem) : null;
        return (profile, reference, userItem);
    }

    /// <summary>
    /// Changes the stored profile. <paramref name="change"/> edits it and returns the writes that belong
    /// with the change (index rows, the reference), made in the same write call after the profile; it runs
    /// again on a fresh copy after a conflict. False when there is no profile to change. After
    /// <see cref="MaxAttempts"/> conflicts the <see cref="StorageConflictException"/> is thrown.
    /// </summary>
    public Task<bool> UpdateAsync(string person, Func<JourneyProfile, IEnumerable<StorageWrite>> change, CancellationToken cancellationToken) =>
        UpdateAsync(person, null, change, cancellationToken);

    /// <summary>
    /// Changes the stored profile starting from <paramref name="stored"/>, the row as read a moment ago (null reads it):
    /// its ETag guards the write, so a profile changed meanwhile is read again and the change applied to it.
    /// </summary>
    public async Task<bool> UpdateAsync(string person, StoreItem? stored, Func<JourneyProfile, IEnumerable<StorageWrite>> change, CancellationToken cancellationToken)
    {
        var key = UserState.KeyFor(person);
        for (var attempt = 1; ; attempt++)
        {
            StoreItem? item = attempt == 1 ? stored : null;
            if (item is null)
            {
                var items = await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
                items.TryGetValue(key, out item);
            }
            if (item is null || Parse(item) is not { } profile || JsonNode.Parse(item.Json) is not JsonObject document) return false;
            var together = change(profile).ToList();
            document[Property] = JsonSerializer.SerializeToNode(profile, JourneyJson.Default.JourneyProfile);
            // Only the person's partition is conditional. Storage applies each partition atomically but not in order, so
            // when the profile's ETag fails another partition (a due-index row) may already be written: the sender
            // skips a row the profile's ScheduledDueKey does not name, and a retry below works from the profile read again.
            List<StorageWrite> writes = [new StorageWrite(key, document.ToJsonString(), item.ETag), .. together];
            try
            {
                await storage.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StorageConflictException) when (attempt < MaxAttempts)
            {
                // The person's own turn saved in between: apply the change to what it wrote.
            }
        }
    }

    /// <summary>Changes the stored profile and nothing else (see the other overload).</summary>
    public Task<bool> UpdateAsync(string person, Action<JourneyProfile> change, CancellationToken cancellationToken) =>
        UpdateAsync(person, profile =>
        {
            change(profile);
            return [];
        }, cancellationToken);

    /// <summary>The newest win written at or before <paramref name="cutoff"/>, or null.</summary>
    public async Task<string?> WinWrittenBeforeAsync(string person, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var rows = await storage.QueryAsync(person, RecordKinds.Win + "/", 200, cancellationToken).ConfigureAwait(false);
        foreach (var (_, item) in rows)
        {
            try
            {
                if (JsonSerializer.Deserialize(item.Json, JourneyJson.Default.WinRecord) is { } win && win.At <= cutoff && !string.IsNullOrWhiteSpace(win.Text))
                    return win.Text;
            }
            catch (JsonException)
            {
                // A damaged record is simply not remembered.
            }
        }
        return null;
    }

    private static JourneyProfile? Parse(StoreItem item)
    {
        try
        {
            return JsonNode.Parse(item.Json)?[Property] is JsonNode node ? node.Deserialize(JourneyJson.Default.JourneyProfile) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ConversationReference? ParseReference(StoreItem item)
    {
        try
        {
            return JsonSerializer.Deserialize(item.Json, JourneyJson.Default.ConversationReference);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
