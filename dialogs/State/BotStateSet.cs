using TrustBot.Turns;

namespace TrustBot.State;

/// <summary>Writes queued during a turn (journey records) that are saved with the turn's state in one call.</summary>
public sealed class PendingWrites
{
    public List<StorageWrite> Writes { get; } = [];
}

/// <summary>
/// Loads several state scopes with one storage read and saves them, with the turn's queued record
/// writes, in one storage write (one atomic batch when they share the person's partition).
/// </summary>
public sealed class BotStateSet(IStorage storage, params BotState[] states)
{
    public IReadOnlyList<BotState> States { get; } = states;

    public async Task LoadAllAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var keys = States.Select(s => s.GetStorageKey(turnContext)).ToArray();
        var items = await storage.ReadAsync(keys.Distinct().ToArray(), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < States.Count; i++) States[i].Attach(turnContext, keys[i], items.GetValueOrDefault(keys[i]));
    }

    /// <summary>Saves what changed. Returns false when nothing needed writing.</summary>
    public async Task<bool> SaveAllChangesAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var writes = new List<StorageWrite>();
        foreach (var state in States)
            if (state.PrepareWrite(turnContext, force: false) is { } write) writes.Add(write);
        if (turnContext.Services.Get<PendingWrites>() is { Writes.Count: > 0 } pending) writes.AddRange(pending.Writes);
        if (writes.Count == 0) return false;
        // A row may be queued twice in one turn (e.g. edited twice); only its last version is written.
        if (writes.DistinctBy(w => w.Key).Count() != writes.Count)
            writes = writes.GroupBy(w => w.Key).Select(g => g.Last()).ToList();

        var etags = await storage.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
        foreach (var state in States) state.Committed(turnContext, etags);
        turnContext.Services.Get<PendingWrites>()?.Writes.Clear();
        return true;
    }
}
