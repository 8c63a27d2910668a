using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using TrustBot.Turns;

namespace TrustBot.State;

/// <summary>Reads and writes one typed property of a state scope.</summary>
public interface IStatePropertyAccessor<T>
{
    /// <summary>The property's name in the state document.</summary>
    string Name { get; }

    /// <summary>The value, created with <paramref name="defaultFactory"/> (and kept) when absent.</summary>
    Task<T> GetAsync(ITurnContext turnContext, Func<T> defaultFactory, CancellationToken cancellationToken);

    /// <summary>Replaces the value.</summary>
    Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken);

    /// <summary>Removes the property.</summary>
    Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}

/// <summary>
/// A state scope (a JSON document per key), loaded once per turn, changed in memory through typed
/// property accessors, and written at the end of the turn only when its JSON changed. Writes are
/// conditional on the ETag read, so a concurrent turn's change is never silently overwritten.
/// </summary>
public abstract class BotState
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
        cached.Document.Clear();
        cached.Live.Clear();
    }

    /// <summary>True when this scope has been loaded in the turn.</summary>
    public bool IsLoaded(ITurnContext turnContext) => Cached(turnContext) is not null;

    internal void Attach(ITurnContext turnContext, StorageKey key, StoreItem? item)
    {
        JsonObject document;
        try
        {
            document = item is null ? [] : JsonNode.Parse(item.Json) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            // A damaged document must not lock the person out: start this scope afresh; the write replaces it.
            document = [];
        }
        turnContext.Services.Set(_cacheKey, new CachedState(key, document, item?.Json ?? "{}", item is null ? ETags.New : item.ETag));
    }

    internal StorageWrite? PrepareWrite(ITurnContext turnContext, bool force)
    {
        if (Cached(turnContext) is not { } cached) return null;
        foreach (var (name, live) in cached.Live) cached.Document[name] = live.Serialize();
        var json = cached.Document.ToJsonString();
        if (!force && json == cached.OriginalJson) return null;
        if (cached.Document.Count == 0 && cached.ETag == ETags.New) return null;
        cached.PendingJson = json;
        return new StorageWrite(cached.Key, cached.Document.Count == 0 ? null : json, cached.Document.Count == 0 ? ETags.Any : cached.ETag);
    }

    internal void Committed(ITurnContext turnContext, IReadOnlyDictionary<StorageKey, string> etags)
    {
        if (Cached(turnContext) is not { } cached || cached.PendingJson is null) return;
        cached.OriginalJson = cached.PendingJson;
        cached.ETag = etags.TryGetValue(cached.Key, out var etag) ? etag : ETags.New;
        cached.PendingJson = null;
    }

    private CachedState? Cached(ITurnContext turnContext) => turnContext.Services.Get<CachedState>(_cacheKey);

    private CachedState Require(ITurnContext turnContext) =>
        Cached(turnContext) ?? throw new InvalidOperationException($"{Name} state was not loaded this turn; load it (BotStateSet.LoadAllAsync) before reading properties.");

    private sealed class CachedState(StorageKey key, JsonObject document, string originalJson, string? etag)
    {
        public StorageKey Key { get; } = key;
        public JsonObject Document { get; } = document;
        public Dictionary<string, LiveValue> Live { get; } = new(StringComparer.Ordinal);
        public string OriginalJson { get; set; } = originalJson;
        public string? ETag { get; set; } = etag;
        public string? PendingJson { get; set; }
    }

    private abstract class LiveValue
    {
        public abstract JsonNode? Serialize();
    }

    private sealed class LiveValue<T>(T value, JsonTypeInfo<T> typeInfo) : LiveValue
    {
        public T Value { get; set; } = value;

        public override JsonNode? Serialize() => JsonSerializer.SerializeToNode(Value, typeInfo);
    }

    private sealed class Property<T>(BotState state, string name, JsonTypeInfo<T> typeInfo) : IStatePropertyAccessor<T>
    {
        public string Name { get; } = name;

        public async Task<T> GetAsync(ITurnContext turnContext, Func<T> defaultFactory, CancellationToken cancellationToken)
        {
            if (!state.IsLoaded(turnContext)) await state.LoadAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
            var cached = state.Require(turnContext);
            if (cached.Live.TryGetValue(Name, out var live)) return ((LiveValue<T>)live).Value;
            T value;
            try
            {
                value = cached.Document[Name] is JsonNode node ? node.Deserialize(typeInfo) ?? defaultFactory() : defaultFactory();
            }
            catch (JsonException)
            {
                value = defaultFactory();
            }
            cached.Live[Name] = new LiveValue<T>(value, typeInfo);
            return value;
        }

        public async Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken)
        {
            if (!state.IsLoaded(turnContext)) await state.LoadAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
            state.Require(turnContext).Live[Name] = new LiveValue<T>(value, typeInfo);
        }

        public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken)
        {
            if (!state.IsLoaded(turnContext)) await state.LoadAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
            var cached = state.Require(turnContext);
            cached.Live.Remove(Name);
            cached.Document.Remove(Name);
        }
    }
}

/// <summary>The person's state across all their conversations: partition = the person, row <c>user</c>.</summary>
public sealed class UserState(IStorage storage) : BotState(storage, Row)
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
public sealed class ConversationState(IStorage storage) : BotState(storage, "conversation")
{
    public override StorageKey GetStorageKey(ITurnContext turnContext) =>
        new(StateKeys.PersonPartition(turnContext.Activity), "conversations/" + (turnContext.Activity.Conversation?.Id ?? ""));
}

/// <summary>Bot Framework-style keys.</summary>
public static class StateKeys
{
    /// <summary><c>{channelId}/users/{userId}</c>: every row about the person lives in this partition.</summary>
    public static string PersonPartition(Schema.Activity activity)
    {
        var channel = activity.ChannelId;
        var user = activity.From?.Id;
        if (string.IsNullOrEmpty(channel) || string.IsNullOrEmpty(user))
            throw new InvalidOperationException("The activity has no channelId or from.id, so there is no one to keep state for.");
        return $"{channel}/users/{user}";
    }
}
