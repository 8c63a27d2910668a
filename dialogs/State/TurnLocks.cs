namespace TrustBot.State;

/// <summary>
/// One turn at a time per key (a person in a conversation) within this process, so messages typed
/// in quick succession run in arrival order instead of colliding on ETags. Waiting is bounded: after
/// <see cref="MaxWait"/> a turn runs anyway and the ETag check keeps it correct, as across instances.
/// </summary>
internal sealed class TurnLocks(TimeSpan maxWait, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>
    /// An entry no turn uses any more (its semaphore free, nobody waiting), kept for the next key: a key's entry goes
    /// when its last turn leaves, so without it every turn made a new entry and semaphore. Guarded by <see cref="_gate"/>.
    /// </summary>
    private Entry? _spare;

    public TimeSpan MaxWait { get; } = maxWait;

    /// <summary>Keys with a running or waiting turn; for tests.</summary>
    public int Held
    {
        get
        {
            lock (_gate) return _entries.Count;
        }
    }

    /// <summary>
    /// Waits for the key's earlier turns. Dispose the result when the turn is done; it holds nothing
    /// when the wait ran out.
    /// </summary>
    public async Task<Releaser> EnterAsync(string key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = _spare ?? new Entry();
                _spare = null;
                _entries[key] = entry;
            }
            entry.Users++;
        }

        bool acquired;
        if (entry.Semaphore.Wait(0))
        {
            acquired = true;
        }
        else
        {
            using var timeout = new CancellationTokenSource(MaxWait, clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await entry.Semaphore.WaitAsync(linked.Token).ConfigureAwait(false);
                acquired = true;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                acquired = false;
            }
            catch (OperationCanceledException)
            {
                Leave(key, entry, acquired: false);
                throw;
            }
        }
        return new Releaser(this, key, entry, acquired);
    }

    private void Leave(string key, Entry entry, bool acquired)
    {
        if (acquired) entry.Semaphore.Release();
        lock (_gate)
        {
            // Every turn that took the semaphore has released it before this count reaches zero, so it is free for reuse.
            if (--entry.Users == 0 && _entries.Remove(key)) _spare = entry;
        }
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>Turns running or waiting on this key, guarded by the dictionary's lock.</summary>
        public int Users { get; set; }
    }

    /// <summary>Ends the turn's hold on its key.</summary>
    public sealed class Releaser : IDisposable
    {
        private readonly TurnLocks _owner;
        private readonly string _key;
        private readonly Entry _entry;
        private int _disposed;

        internal Releaser(TurnLocks owner, string key, Entry entry, bool acquired)
        {
            _owner = owner;
            _key = key;
            _entry = entry;
            Acquired = acquired;
        }

        /// <summary>False when the wait ran out and the turn runs alongside another one.</summary>
        public bool Acquired { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) _owner.Leave(_key, _entry, Acquired);
        }
    }
}
