using TrustBot.Turns;

namespace TrustBot.State;

/// <summary>Writes queued during a turn (journey records) that are saved with the turn's state in one call.</summary>
public sealed class PendingWrites
{
    public List<StorageWrite> Writes { get; } = [];
}

/// <summary>Names one turn (all its attempts); the state documents it writes record it.</summary>
internal sealed record TurnIdentity(string Id);

/// <summary>
/// Loads several state scopes with one storage read (none when they are all in the <see cref="StateCache"/>)
/// and saves them, with the turn's queued record writes, in one storage write (one atomic batch when
/// they share the person's partition).
/// </summary>
internal sealed class BotStateSet
{
    private readonly IStorage _storage;
    private readonly StateCache? _cache;
    private readonly object _fromCacheKey = new();
    private readonly object _markedKey = new();

    public BotStateSet(IStorage storage, params BotState[] states)
        : this(storage, null, states)
    {
    }

    /// <param name="storage">Where state is read and written; pass <see cref="StateCache.Observe"/>'s storage so writes keep the cache current.</param>
    /// <param name="cache">Documents of recent turns, or null to read every turn.</param>
    /// <param name="states">The scopes loaded and saved together.</param>
    public BotStateSet(IStorage storage, StateCache? cache, params BotState[] states)
    {
        _storage = storage;
        _cache = cache is { Enabled: true } ? cache : null;
        _states = states;
    }

    // Looped over as an array: a foreach over the list interface would allocate an enumerator every turn.
    private readonly BotState[] _states;

    public IReadOnlyList<BotState> States => _states;

    public async Task LoadAllAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var keys = new StorageKey[States.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = States[i].GetStorageKey(turnContext);
        var items = new StoreItem?[keys.Length];
        if (_cache is not null && _cache.TryGet(keys, items))
        {
            for (var i = 0; i < keys.Length; i++) States[i].Attach(turnContext, keys[i], items[i], shared: true);
            turnContext.Services.Set(_fromCacheKey, new CachedLoad(keys, items));
            return;
        }
        turnContext.Services.Remove(_fromCacheKey);

        long[]? versions = null;
        if (_cache is not null)
        {
            versions = new long[keys.Length];
            for (var i = 0; i < keys.Length; i++) versions[i] = _cache.Version(keys[i].Partition);
        }
        var read = await _storage.ReadAsync(keys.Distinct().ToArray(), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < keys.Length; i++)
        {
            var item = read.GetValueOrDefault(keys[i]);
            _cache?.Fill(keys[i], item, versions![i]);
            States[i].Attach(turnContext, keys[i], item, shared: _cache is not null);
        }
    }

    /// <summary>Saves what changed. Returns false when nothing needed writing.</summary>
    public async Task<bool> SaveAllChangesAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var writes = new List<StorageWrite>();
        var turnId = turnContext.Services.Get<TurnIdentity>()?.Id;
        foreach (var state in _states)
            if (state.PrepareWrite(turnContext, force: false, turnId) is { } write) writes.Add(write);
        if (turnContext.Services.Get<PendingWrites>() is { Writes.Count: > 0 } pending) writes.AddRange(pending.Writes);
        if (writes.Count == 0)
        {
            await ConfirmCachedLoadAsync(turnContext, cancellationToken).ConfigureAwait(false);
            return false;
        }
        // A row may be queued twice in one turn (e.g. edited twice); only its last version is written.
        if (HasRepeatedKey(writes))
            writes = writes.GroupBy(w => w.Key).Select(g => g.Last()).ToList();

        if (turnId is not null) turnContext.Services.Set(_markedKey, turnId);
        var etags = await _storage.WriteAsync(writes, cancellationToken).ConfigureAwait(false);
        foreach (var state in _states) state.Committed(turnContext, etags);
        turnContext.Services.Get<PendingWrites>()?.Writes.Clear();
        return true;
    }

    /// <summary>The turn saved: values that may be reused are kept for the next turn (see <see cref="IReusableState"/>).</summary>
    public void Release(ITurnContext turnContext)
    {
        foreach (var state in _states) state.Release(turnContext);
    }

    /// <summary>A turn writes a handful of rows: a pairwise look costs less than a set.</summary>
    private static bool HasRepeatedKey(List<StorageWrite> writes)
    {
        for (var i = 1; i < writes.Count; i++)
            for (var j = 0; j < i; j++)
                if (writes[i].Key == writes[j].Key) return true;
        return false;
    }

    /// <summary>
    /// True when <paramref name="failed"/>'s write, reported as a conflict, was in fact stored: the state
    /// loaded into <paramref name="reloaded"/> carries that turn's identity. A storage client that timed
    /// out after the service applied its batch retries it and meets the ETag its own write produced.
    /// </summary>
    public bool Landed(ITurnContext failed, ITurnContext reloaded)
    {
        if (failed.Services.Get<string>(_markedKey) is not { } turnId) return false;
        foreach (var state in _states)
            if (state.StoredTurnId(reloaded) == turnId) return true;
        return false;
    }

    /// <summary>
    /// A turn that writes nothing meets no ETag condition, so when its state came from the cache nothing
    /// has shown that the state was current: behind a load balancer the person's previous message may
    /// have been served by another instance, and the replies would answer a question already answered.
    /// The rows are read again; unchanged, the replies stand and the cache entry is confirmed; changed,
    /// the entry is dropped and a <see cref="StorageConflictException"/> makes the turn run again on what
    /// is stored, as after a failed write.
    /// </summary>
    private async Task ConfirmCachedLoadAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (_cache is null || turnContext.Services.Get<CachedLoad>(_fromCacheKey) is not { } load) return;
        var versions = new long[load.Keys.Length];
        for (var i = 0; i < versions.Length; i++) versions[i] = _cache.Version(load.Keys[i].Partition);
        var read = await _storage.ReadAsync(load.Keys.Distinct().ToArray(), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < load.Keys.Length; i++)
        {
            if (read.GetValueOrDefault(load.Keys[i])?.ETag == load.Items[i]?.ETag) continue;
            _cache.Forget(load.Keys.Select(k => k.Partition).Distinct());
            throw new StorageConflictException(load.Keys[i]);
        }
        for (var i = 0; i < load.Keys.Length; i++) _cache.Fill(load.Keys[i], read.GetValueOrDefault(load.Keys[i]), versions[i]);
    }

    /// <summary>The documents a turn's state was loaded from when they all came from the cache.</summary>
    private sealed record CachedLoad(StorageKey[] Keys, StoreItem?[] Items);
}
