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
        // Both rows are in the person's partition: one request on Table Storage instead of two.
        var items = await storage.ReadRowsAsync(person, [userKey.Row, referenceKey.Row], cancellationToken).ConfigureAwait(false);
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
        for (var attempt = 1; ; attempt++)
        {
            var item = attempt == 1 ? stored : null;
            item ??= await ReadRowAsync(person, cancellationToken).ConfigureAwait(false);
            if (Prepare(person, item, change) is not { } prepared) return false;
            // Only the person's partition is conditional. Storage applies each partition atomically but not in order, so
            // when the profile's ETag fails another partition (a due-index row) may already be written: the sender
            // skips a row the profile's ScheduledDueKey does not name, and a retry below works from the profile read again.
            List<StorageWrite> writes = [prepared.Profile, .. prepared.Together];
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

    /// <summary>
    /// Changes several people's profiles, each from the row as read a moment ago, with fewer calls than one
    /// <see cref="UpdateAsync(string, StoreItem?, Func{JourneyProfile, IEnumerable{StorageWrite}}, CancellationToken)"/> each:
    /// the writes outside the people's own partitions (their due-index rows, which for people due in one minute mostly
    /// share the next day's minute) go first, all in one call, so storage makes one transaction per partition of them;
    /// then each profile with the writes of its own partition, side by side. A profile changed meanwhile is read again
    /// and that person's writes all made again, as UpdateAsync does.
    /// </summary>
    /// <returns>Per change, in order, what became of it.</returns>
    /// <remarks>
    /// Those rows go before the profiles for the same reason a turn tolerates an early index row: the profile is the
    /// truth, so a row the profile never came to name (its write conflicted, or the process stopped) is dropped by the
    /// sender when due, whereas a profile naming a row that was never written would leave the person without reminders.
    /// </remarks>
    public async Task<IReadOnlyList<ProfileUpdate>> UpdateManyAsync(IReadOnlyList<(string Person, StoreItem? Stored, Func<JourneyProfile, IEnumerable<StorageWrite>> Change)> changes, int atOnce, CancellationToken cancellationToken)
    {
        var prepared = changes.Select(c => Prepare(c.Person, c.Stored, c.Change)).ToList();
        var elsewhere = new List<StorageWrite>();
        for (var i = 0; i < changes.Count; i++)
            if (prepared[i] is { } p) elsewhere.AddRange(p.Together.Where(w => w.Key.Partition != changes[i].Person));
        // A key named twice (two changes of one person) is written once, as the later change has it.
        if (elsewhere.Count > 0) await storage.WriteAsync([.. elsewhere.GroupBy(w => w.Key).Select(g => g.Last())], cancellationToken).ConfigureAwait(false);

        var results = new ProfileUpdate[changes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, changes.Count), new ParallelOptions { MaxDegreeOfParallelism = atOnce, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var (person, _, change) = changes[i];
            if (prepared[i] is not { } p)
            {
                results[i] = ProfileUpdate.NoProfile;
                return;
            }
            try
            {
                await storage.WriteAsync([p.Profile, .. p.Together.Where(w => w.Key.Partition == person)], ct).ConfigureAwait(false);
                results[i] = ProfileUpdate.Written;
            }
            catch (StorageConflictException)
            {
                try
                {
                    // The person's own turn saved in between: from a fresh read, their rows go together again.
                    results[i] = await UpdateAsync(person, null, change, ct).ConfigureAwait(false) ? ProfileUpdate.Written : ProfileUpdate.NoProfile;
                }
                catch (StorageConflictException)
                {
                    results[i] = ProfileUpdate.KeptChanging;
                }
            }
        }).ConfigureAwait(false);
        return results;
    }

    /// <summary>
    /// The first try of a change, not yet written: the profile's conditional write (guarded by the row's ETag) and the
    /// writes <paramref name="change"/> returned. Null when there is no (readable) profile.
    /// </summary>
    private PreparedChange? Prepare(string person, StoreItem? item, Func<JourneyProfile, IEnumerable<StorageWrite>> change)
    {
        if (item is null || Parse(item) is not { } profile || JsonNode.Parse(item.Json) is not JsonObject document) return null;
        var together = change(profile).ToList();
        document[Property] = JsonSerializer.SerializeToNode(profile, JourneyJson.Default.JourneyProfile);
        return new PreparedChange(new StorageWrite(UserState.KeyFor(person), document.ToJsonString(), item.ETag), together);
    }

    private async Task<StoreItem?> ReadRowAsync(string person, CancellationToken cancellationToken)
    {
        var key = UserState.KeyFor(person);
        var items = await storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        return items.GetValueOrDefault(key);
    }

    private sealed record PreparedChange(StorageWrite Profile, List<StorageWrite> Together);

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

/// <summary>What became of one change of <see cref="ProfileStore.UpdateManyAsync"/>.</summary>
internal enum ProfileUpdate
{
    /// <summary>The profile and the writes with it were written.</summary>
    Written,

    /// <summary>There was no (readable) profile to change; nothing was written.</summary>
    NoProfile,

    /// <summary>The person's turns changed the profile on every try; their rows elsewhere may be written, the profile is not.</summary>
    KeptChanging,
}
