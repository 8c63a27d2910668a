using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TrustBot.Turns;

namespace TrustBot.State;

/// <summary>Reads and writes one typed property of a state scope.</summary>
internal interface IStatePropertyAccessor<T>
{
    /// <summary>The property's name in the state document.</summary>
    string Name { get; }

    /// <summary>The value, created with <paramref name="defaultFactory"/> (and kept) when absent.</summary>
    /// <remarks>A value task: the scope is almost always loaded already, and then no task is made.</remarks>
    ValueTask<T> GetAsync(ITurnContext turnContext, Func<T> defaultFactory, CancellationToken cancellationToken);

    /// <summary>Replaces the value.</summary>
    ValueTask SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken);

    /// <summary>Removes the property.</summary>
    ValueTask DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>
/// A state value that is all in its JSON (every change a turn makes to it is written when the turn saves) and that
/// nothing keeps after the turn. When the <see cref="StateCache"/> is on, the object itself is kept once a turn has
/// saved its document (or left it unchanged), and the next turn that loads that very document text takes it instead
/// of reading the JSON again. A turn that fails, or meets a conflict, never gives its object back: the next turn
/// reads what is stored. One turn at a time holds an object.
/// </summary>
internal interface IReusableState;

/// <summary>
/// A state scope (a JSON document per key), loaded once per turn, changed in memory through typed
/// property accessors, and written at the end of the turn only when its JSON changed. Writes are
/// conditional on the ETag read, so a concurrent turn's change is never silently overwritten.
/// </summary>
internal abstract class BotState
{
    private readonly object _cacheKey = new();

    protected BotState(IStorage storage, string name)
    {
        Storage = storage;
        Name = name;
    }

    public IStorage Storage { get; }

    public string Name { get; }

    /// <summary>The storage key of this scope for the turn.</summary>
    public abstract StorageKey GetStorageKey(ITurnContext turnContext);

    /// <summary>Creates a typed accessor for a property of this scope.</summary>
    public IStatePropertyAccessor<T> CreateProperty<T>(string name, JsonTypeInfo<T> typeInfo) => new Property<T>(this, name, typeInfo);

    /// <summary>Loads the scope unless it is already loaded this turn.</summary>
    public async Task LoadAsync(ITurnContext turnContext, bool force, CancellationToken cancellationToken)
    {
        if (!force && Cached(turnContext) is not null) return;
        var key = GetStorageKey(turnContext);
        var items = await Storage.ReadAsync([key], cancellationToken).ConfigureAwait(false);
        Attach(turnContext, key, items.GetValueOrDefault(key));
    }

    /// <summary>Writes the scope when it changed (or always, with <paramref name="force"/>).</summary>
    public async Task SaveChangesAsync(ITurnContext turnContext, bool force, CancellationToken cancellationToken)
    {
        if (PrepareWrite(turnContext, force) is not { } write) return;
        var etags = await Storage.WriteAsync([write], cancellationToken).ConfigureAwait(false);
        Committed(turnContext, etags);
    }

    /// <summary>Forgets every property of this scope for the rest of the turn (the write deletes the document).</summary>
    public void Clear(ITurnContext turnContext)
    {
        if (Cached(turnContext) is not { } cached) return;
        foreach (var slot in cached.Slots) slot.Forget();
    }

    /// <summary>True when this scope has been loaded in the turn.</summary>
    public bool IsLoaded(ITurnContext turnContext) => Cached(turnContext) is not null;

    /// <param name="turnContext">The turn the document is loaded for.</param>
    /// <param name="key">The document's key.</param>
    /// <param name="item">The stored document, or null when there is none.</param>
    /// <param name="shared">The document came from (or went into) the state cache, so later turns may load this very text again.</param>
    internal void Attach(ITurnContext turnContext, StorageKey key, StoreItem? item, bool shared = false)
    {
        var json = item?.Json ?? "{}";
        // A damaged document must not lock the person out: start this scope afresh; the write replaces it.
        var slots = StateDocument.TrySplit(json, out var found) ? found : [];
        turnContext.Services.Set(_cacheKey, new CachedState(key, json, slots, item is null ? ETags.New : item.ETag) { Shared = shared });
    }

    /// <summary>
    /// The turn saved this scope (or found nothing to save): its values that may be reused are kept for the next turn
    /// that loads the document as it now stands. Call only after a successful save, at the end of the turn.
    /// </summary>
    internal void Release(ITurnContext turnContext)
    {
        if (Cached(turnContext) is not { Shared: true, PendingJson: null } cached) return;
        foreach (var slot in cached.Slots)
            if (slot.Present && slot.Live is { } live) live.Release(cached.OriginalJson);
    }

    /// <param name="turnContext">The turn whose document is written.</param>
    /// <param name="force">Write even when nothing changed.</param>
    /// <param name="turnId">Recorded in a document that is written with content, so a retried write that finds it knows its first try landed.</param>
    internal StorageWrite? PrepareWrite(ITurnContext turnContext, bool force, string? turnId = null)
    {
        if (Cached(turnContext) is not { } cached) return null;
        string? json;
        int count;
        bool changed;
        var marked = true;
        var marker = turnId is null ? null : cached.Find(TurnMarker);
        if (turnId is null)
            changed = StateDocument.Write(cached.Json, cached.Slots, cached.OriginalJson, out json, out count);
        else
            // The document is compared as it was stored, and its text (when it changed) made with this turn's marker, in one pass.
            changed = StateDocument.WriteMarked(cached.Json, cached.Slots, cached.OriginalJson, marker, EncodedTurnMarker, turnId, force, out json, out count, out marked);
        if (!force && !changed) return null;
        if (count == 0 && cached.ETag == ETags.New) return null;
        // Only a document that stays is marked: an erased document must stay erased.
        if (turnId is not null && count > 0)
        {
            if (marker is null) cached.Slots.Add(marker = new StateSlot(TurnMarker, EncodedTurnMarker));
            marker.Live = new TurnMarkerValue(turnId);
        }
        if (!marked)
            StateDocument.Write(cached.Json, cached.Slots, cached.OriginalJson, out json, out count);
        json ??= cached.OriginalJson;
        cached.PendingJson = json;
        return new StorageWrite(cached.Key, count == 0 ? null : json, count == 0 ? ETags.Any : cached.ETag);
    }

    internal void Committed(ITurnContext turnContext, IReadOnlyDictionary<StorageKey, string> etags)
    {
        if (Cached(turnContext) is not { } cached || cached.PendingJson is null) return;
        cached.OriginalJson = cached.PendingJson;
        cached.ETag = etags.TryGetValue(cached.Key, out var etag) ? etag : ETags.New;
        cached.PendingJson = null;
    }

    /// <summary>The turn identity stored in the document as loaded this turn, or null.</summary>
    internal string? StoredTurnId(ITurnContext turnContext)
    {
        if (Cached(turnContext) is not { } cached || cached.Find(TurnMarker) is not { HasRaw: true } slot) return null;
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(slot.Raw(cached.Json).ToString()));
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    /// <summary>The property that names the last turn that wrote the document (see <see cref="StatefulTurnRunner"/>).</summary>
    internal const string TurnMarker = "$turn";

    private static readonly byte[] EncodedTurnMarker = JsonEncodedText.Encode(TurnMarker).EncodedUtf8Bytes.ToArray();

    private sealed class TurnMarkerValue(string turnId) : LiveValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(turnId);
    }

    private CachedState? Cached(ITurnContext turnContext) => turnContext.Services.Get<CachedState>(_cacheKey);

    private CachedState Require(ITurnContext turnContext) =>
        Cached(turnContext) ?? throw new InvalidOperationException($"{Name} state was not loaded this turn; load it (BotStateSet.LoadAllAsync) before reading properties.");

    /// <summary>
    /// The scope's document for the turn: the JSON as read (its properties stay text until a typed accessor asks
    /// for them) and the properties' slots in document order.
    /// </summary>
    private sealed class CachedState(StorageKey key, string json, List<StateSlot> slots, string? etag)
    {
        public StorageKey Key { get; } = key;

        /// <summary>The document as read; the slots' raw values are ranges of it.</summary>
        public string Json { get; } = json;

        public List<StateSlot> Slots { get; } = slots;

        /// <summary>The document as last read or written, to tell whether the turn changed it.</summary>
        public string OriginalJson { get; set; } = json;

        public string? ETag { get; set; } = etag;

        public string? PendingJson { get; set; }

        /// <summary>The state cache is on: later turns may load this same document text (see <see cref="IReusableState"/>).</summary>
        public bool Shared { get; init; }

        public StateSlot? Find(string name)
        {
            foreach (var slot in Slots)
                if (slot.Is(Json, name)) return slot;
            return null;
        }
    }

    private sealed class LiveValue<T>(T value, JsonTypeInfo<T> typeInfo, Property<T> property) : LiveValue
    {
        public T Value { get; } = value;

        public override void WriteTo(Utf8JsonWriter writer) => JsonSerializer.Serialize(writer, Value, typeInfo);

        public override void Release(string document) => property.KeepIdle(document, Value);
    }

    private sealed class Property<T>(BotState state, string name, JsonTypeInfo<T> typeInfo) : IStatePropertyAccessor<T>
    {
        private readonly byte[] _encodedName = JsonEncodedText.Encode(name).EncodedUtf8Bytes.ToArray();

        /// <summary>
        /// Values no turn holds, each under the document text it was saved as or read from (see <see cref="IReusableState"/>).
        /// Keyed by the text instance itself: a document the cache lets go takes its value with it, and a document read
        /// again from storage (after a conflict, or another instance's write) is a new text, read afresh.
        /// </summary>
        private readonly ConditionalWeakTable<string, IdleSlot> _idle = new();

        /// <summary>Makes taking a value (reading and emptying its slot) one step, so two turns never take the same one.</summary>
        private readonly Lock _gate = new();

        public string Name { get; } = name;

        public ValueTask<T> GetAsync(ITurnContext turnContext, Func<T> defaultFactory, CancellationToken cancellationToken) =>
            state.IsLoaded(turnContext) ? new ValueTask<T>(Get(turnContext, defaultFactory)) : LoadThenGetAsync(turnContext, defaultFactory, cancellationToken);

        private async ValueTask<T> LoadThenGetAsync(ITurnContext turnContext, Func<T> defaultFactory, CancellationToken cancellationToken)
        {
            await state.LoadAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
            return Get(turnContext, defaultFactory);
        }

        private T Get(ITurnContext turnContext, Func<T> defaultFactory)
        {
            var cached = state.Require(turnContext);
            var slot = cached.Find(Name);
            if (slot?.Live is LiveValue<T> live) return live.Value;
            var value = Read(cached, slot, defaultFactory);
            Keep(cached, slot, value);
            return value;
        }

        private T Read(CachedState cached, StateSlot? slot, Func<T> defaultFactory)
        {
            if (slot is not { HasRaw: true } || slot.RawIsNull(cached.Json)) return defaultFactory();
            if (cached.Shared && Take(cached.Json) is { } kept) return kept;
            T? value;
            try
            {
                value = Dialogs.JsonSource.Deserialize(slot.Raw(cached.Json), typeInfo);
            }
            catch (JsonException)
            {
                return defaultFactory();
            }
            return value ?? defaultFactory();
        }

        private T? Take(string document)
        {
            if (!_idle.TryGetValue(document, out var slot)) return default;
            lock (_gate)
            {
                var kept = slot.Value;
                slot.Value = default;
                return kept;
            }
        }

        /// <summary>Keeps a value the turn is done with, for the next turn that loads <paramref name="document"/>.</summary>
        public void KeepIdle(string document, T value)
        {
            if (value is not IReusableState) return;
            // Most turns give the value back to the document they loaded: its slot is still there, and the table is left alone
            // (adding and removing entries each turn made the table rebuild itself and its handles often).
            if (_idle.TryGetValue(document, out var slot))
            {
                lock (_gate) slot.Value = value;
                return;
            }
            _idle.AddOrUpdate(document, new IdleSlot { Value = value });
        }

        private sealed class IdleSlot
        {
            public T? Value;
        }

        public async ValueTask SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken)
        {
            if (!state.IsLoaded(turnContext)) await state.LoadAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
            var cached = state.Require(turnContext);
            Keep(cached, cached.Find(Name), value);
        }

        public async ValueTask DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            if (!state.IsLoaded(turnContext)) await state.LoadAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
            state.Require(turnContext).Find(Name)?.Forget();
        }

        private void Keep(CachedState cached, StateSlot? slot, T value)
        {
            if (slot is null) cached.Slots.Add(slot = new StateSlot(Name, _encodedName));
            slot.Live = new LiveValue<T>(value, typeInfo, this);
        }
    }
}

/// <summary>The person's state across all their conversations: partition = the person, row <c>user</c>.</summary>
internal sealed class UserState(IStorage storage) : BotState(storage, Row)
{
    /// <summary>The row key of a person's user state in their partition.</summary>
    public const string Row = "user";

    /// <summary>Where the user state of the person with this partition is kept (for code outside a turn).</summary>
    public static StorageKey KeyFor(string personPartition) => new(personPartition, Row);

    public override StorageKey GetStorageKey(ITurnContext turnContext) => KeyFor(StateKeys.PersonPartition(turnContext.Activity));
}

/// <summary>
/// The person's state in one conversation (the dialog stack), kept in the person's partition so
/// user and conversation state of a turn are written in one atomic batch. Like Bot Framework's
/// private conversation state: two people in one group chat never share a dialog stack.
/// </summary>
internal sealed class ConversationState(IStorage storage) : BotState(storage, "conversation")
{
    public override StorageKey GetStorageKey(ITurnContext turnContext) =>
        new(StateKeys.PersonPartition(turnContext.Activity), "conversations/" + (turnContext.Activity.Conversation?.Id ?? ""));
}

/// <summary>Bot Framework-style keys.</summary>
internal static class StateKeys
{
    /// <summary><c>{channelId}/users/{userId}</c>: every row about the person lives in this partition.</summary>
    public static string PersonPartition(Schema.Activity activity)
    {
        var channel = activity.ChannelId;
        var user = activity.From?.Id;
        if (string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(user))
            throw new InvalidOperationException("The activity has no channelId or from.id, so there is no one to keep state for.");
        // A turn asks for its person's partition several times (lock, state keys, records): made once per activity's strings.
        if (t_lastPartition is { } last && ReferenceEquals(last.Channel, channel) && ReferenceEquals(last.User, user)) return last.Partition;
        var partition = $"{channel}/users/{user}";
        t_lastPartition = (channel, user, partition);
        return partition;
    }

    [ThreadStatic] private static (string Channel, string User, string Partition)? t_lastPartition;
}
