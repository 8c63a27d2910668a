using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TrustBot.Dialogs;

/// <summary>
/// A dialog's persisted state: named values stored as one JSON object (<c>{"step":1,"data":{…}}</c>, the same
/// shape stacks have always been stored in). Numbers stay numbers and typed values stay the objects the dialog
/// works on, written straight into the stack's JSON when the turn saves; a value read from storage stays as its
/// stored JSON until a dialog asks for it, and is written back as read unless the dialog sets it. A turn used to
/// hold this as a JSON tree and serialise every step's data into a new tree, which was most of its allocations.
/// </summary>
[JsonConverter(typeof(DialogInstanceStateConverter))]
public sealed class DialogInstanceState
{
    private readonly List<Entry> _entries = [];

    /// <summary>True when the state has a value with this name.</summary>
    public bool Contains(string name) => Find(name) is not null;

    /// <summary>The whole number stored under <paramref name="name"/>, or null when there is none.</summary>
    public int? GetInt(string name)
    {
        var entry = Find(name);
        if (entry is null) return null;
        if (entry.Number is { } number) return number;
        if (entry.Node is JsonValue node && node.TryGetValue<int>(out var fromNode)) return fromNode;
        if (entry.Raw is { } raw)
        {
            var reader = new Utf8JsonReader(raw);
            return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var fromRaw) ? fromRaw : null;
        }
        return entry.Stored is { ValueKind: JsonValueKind.Number } stored && stored.TryGetInt32(out var value) ? value : null;
    }

    /// <summary>Stores a whole number.</summary>
    public void SetInt(string name, int value)
    {
        var entry = Slot(name);
        entry.Clear();
        entry.Number = value;
    }

    /// <summary>
    /// The typed value stored under <paramref name="name"/> (default when absent or null). It is read from the stored
    /// JSON once per turn; the same object is returned until the turn ends, but a change to it is only saved through <see cref="Set{T}"/>.
    /// </summary>
    /// <exception cref="JsonException">The stored JSON is not a <typeparamref name="T"/>.</exception>
    public T? Get<T>(string name, JsonTypeInfo<T> typeInfo)
    {
        if (Find(name) is not { } entry) return default;
        if (entry.Typed is Typed<T> typed) return typed.Value;
        T? value;
        if (entry.Node is { } node) value = node.Deserialize(typeInfo);
        else if (entry.Raw is { } raw) value = JsonSerializer.Deserialize(raw, typeInfo);
        else if (entry.Stored is { ValueKind: not JsonValueKind.Null } stored) value = stored.Deserialize(typeInfo);
        else if (entry.Number is { } number) value = JsonSerializer.Deserialize(number.ToString(System.Globalization.CultureInfo.InvariantCulture), typeInfo);
        else return default;
        if (value is not null && entry.Typed is null) entry.Typed = new Typed<T>(value, typeInfo) { Written = false };
        return value;
    }

    /// <summary>Stores a typed value; it is serialised with <paramref name="typeInfo"/> when the stack is saved, so later changes to the object are saved too.</summary>
    public void Set<T>(string name, T value, JsonTypeInfo<T> typeInfo)
    {
        var entry = Slot(name);
        entry.Clear();
        entry.Typed = new Typed<T>(value, typeInfo);
    }

    /// <summary>A loose JSON object stored under <paramref name="name"/>, created (empty) when absent.</summary>
    public JsonObject GetOrAddObject(string name)
    {
        var entry = Slot(name);
        if (entry.Node is JsonObject existing) return existing;
        var created = entry.Raw is { } raw ? JsonNode.Parse(raw) as JsonObject ?? []
            : entry.Stored is { ValueKind: JsonValueKind.Object } stored ? JsonObject.Create(stored) ?? []
            : [];
        entry.Clear();
        entry.Node = created;
        return created;
    }

    /// <summary>Removes the value.</summary>
    public void Remove(string name)
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Name != name) continue;
            _entries.RemoveAt(i);
            return;
        }
    }

    internal void AddStored(string name, ref Utf8JsonReader reader)
    {
        var entry = Slot(name);
        entry.Clear();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            entry.Number = number;
            return;
        }
        if (JsonSource.Range(ref reader) is { } range)
        {
            if (name == PromptOptionsName && range.Span[0] == (byte)'{')
            {
                // Every turn that answers a question needs the question's options typed, and most are the same few
                // questions: they are shared read-only objects, found by their stored text.
                var (json, options) = PromptOptionsCache.Get(range.Span);
                entry.Raw = json;
                if (options is not null) entry.Typed = new Typed<PromptOptions>(options, DialogJson.Default.PromptOptions) { Written = false };
                return;
            }
            entry.Raw = range.Span.ToArray();
            return;
        }
        entry.Stored = JsonElement.ParseValue(ref reader);
    }

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var entry in _entries)
        {
            if (!entry.HasValue) continue;
            writer.WritePropertyName(entry.Name);
            entry.WriteValue(writer);
        }
        writer.WriteEndObject();
    }

    /// <summary>The name prompts keep their options under (see <see cref="Prompt{T}"/>).</summary>
    internal const string PromptOptionsName = "options";

    private Entry? Find(string name)
    {
        foreach (var entry in _entries)
            if (entry.Name == name) return entry;
        return null;
    }

    private Entry Slot(string name)
    {
        if (Find(name) is { } entry) return entry;
        _entries.Add(entry = new Entry(name));
        return entry;
    }

    private sealed class Entry(string name)
    {
        public string Name { get; } = name;

        public int? Number { get; set; }

        /// <summary>The value's JSON as read from storage (never changed: it may be shared).</summary>
        public byte[]? Raw { get; set; }

        /// <summary>The value as read from storage, when its text was not at hand.</summary>
        /// <remarks>
        /// Kept boxed: it is rarely there, and a nullable element inline made every entry (a turn makes about ten) 16 bytes larger.
        /// </remarks>
        public JsonElement? Stored
        {
            get => _stored as JsonElement?;
            set => _stored = value;
        }

        private object? _stored;

        /// <summary>The typed value; written in place of <see cref="Stored"/> when it was set (or read without stored JSON).</summary>
        public TypedValue? Typed { get; set; }

        public JsonNode? Node { get; set; }

        public bool HasValue => Number is not null || Raw is not null || Stored is not null || Typed is not null || Node is not null;

        public void Clear()
        {
            Number = null;
            Raw = null;
            Stored = null;
            Typed = null;
            Node = null;
        }

        public void WriteValue(Utf8JsonWriter writer)
        {
            if (Node is not null) Node.WriteTo(writer);
            else if (Typed is { Written: true } || Typed is not null && Raw is null && Stored is null) Typed.Write(writer);
            else if (Number is { } number) writer.WriteNumberValue(number);
            else if (Raw is { } raw) writer.WriteRawValue(raw, skipInputValidation: true);
            else if (Stored is { } stored) stored.WriteTo(writer);
            else writer.WriteNullValue();
        }
    }

    private abstract class TypedValue
    {
        /// <summary>False while the value was only read: the stored JSON is written back unchanged.</summary>
        public bool Written { get; init; } = true;

        public abstract void Write(Utf8JsonWriter writer);
    }

    private sealed class Typed<T>(T value, JsonTypeInfo<T> typeInfo) : TypedValue
    {
        public T Value { get; } = value;

        public override void Write(Utf8JsonWriter writer)
        {
            // A prompt's options are the value written most often (a turn that asks a question stores it): by hand.
            if (Value is PromptOptions options && ReferenceEquals(typeInfo, DialogJson.Default.PromptOptions)) PromptOptionsJsonWriter.Write(writer, options);
            else JsonSerializer.Serialize(writer, Value, typeInfo);
        }
    }
}

/// <summary>Reads and writes <see cref="DialogInstanceState"/> as a plain JSON object without building a tree.</summary>
internal sealed class DialogInstanceStateConverter : JsonConverter<DialogInstanceState>
{
    public override DialogInstanceState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("A dialog's state must be a JSON object.");
        var state = new DialogInstanceState();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = KnownName(ref reader) ?? reader.GetString()!;
            if (!reader.Read()) throw new JsonException("A dialog's state ended early.");
            state.AddStored(name, ref reader);
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("A dialog's state must be a JSON object.");
        return state;
    }

    public override void Write(Utf8JsonWriter writer, DialogInstanceState value, JsonSerializerOptions options) => value.Write(writer);

    /// <summary>The names the engine's dialogs use, without allocating a string for them every turn.</summary>
    private static string? KnownName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("step"u8) ? "step"
        : reader.ValueTextEquals("data"u8) ? "data"
        : reader.ValueTextEquals("values"u8) ? "values"
        : reader.ValueTextEquals("options"u8) ? "options"
        : reader.ValueTextEquals("attempts"u8) ? "attempts"
        : null;
}

/// <summary>
/// Reads and writes <see cref="DialogState"/> by hand, in the shape the generated contract used
/// (<c>{"stack":[{"id":…,"state":{…},"inner":{…}}]}</c>, the names following the context's naming policy):
/// the generated one kept a frame per nesting level of the stack (component dialogs nest it deeply), which
/// was a large share of a turn's allocations. Names are read in either case.
/// </summary>
internal sealed class DialogStateConverter : JsonConverter<DialogState>
{
    private static readonly DialogInstanceStateConverter States = new();

    public override DialogState Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var state = new DialogState();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var isStack = reader.ValueTextEquals("stack"u8) || reader.ValueTextEquals("Stack"u8);
            Next(ref reader);
            if (!isStack || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip(); // a property a newer or older version wrote
                continue;
            }
            Expect(ref reader, JsonTokenType.StartArray);
            while (Next(ref reader) != JsonTokenType.EndArray) state.Stack.Add(ReadInstance(ref reader, options));
        }
        return state;
    }

    public override void Write(Utf8JsonWriter writer, DialogState value, JsonSerializerOptions options)
    {
        var names = options.PropertyNamingPolicy == JsonNamingPolicy.CamelCase ? CamelCase : options.PropertyNamingPolicy is null ? AsDeclared : Names.For(options.PropertyNamingPolicy);
        writer.WriteStartObject();
        writer.WriteStartArray(names.Stack);
        foreach (var instance in value.Stack)
        {
            writer.WriteStartObject();
            writer.WriteString(names.Id, instance.Id);
            writer.WritePropertyName(names.State);
            instance.State.Write(writer);
            if (instance.Inner is { } inner)
            {
                writer.WritePropertyName(names.Inner);
                Write(writer, inner, options);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private DialogInstance ReadInstance(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var instance = new DialogInstance();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var name = reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("Id"u8) ? 1
                : reader.ValueTextEquals("state"u8) || reader.ValueTextEquals("State"u8) ? 2
                : reader.ValueTextEquals("inner"u8) || reader.ValueTextEquals("Inner"u8) ? 3
                : 0;
            Next(ref reader);
            if (reader.TokenType == JsonTokenType.Null)
                continue;
            switch (name)
            {
                case 1:
                    instance.Id = DialogIds.Read(ref reader);
                    break;
                case 2:
                    instance.State = States.Read(ref reader, typeof(DialogInstanceState), options);
                    break;
                case 3:
                    instance.Inner = Read(ref reader, typeof(DialogState), options);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return instance;
    }

    private static readonly Names CamelCase = Names.For(JsonNamingPolicy.CamelCase);
    private static readonly Names AsDeclared = new(JsonEncodedText.Encode("Stack"), JsonEncodedText.Encode("Id"), JsonEncodedText.Encode("State"), JsonEncodedText.Encode("Inner"));

    /// <summary>The stack's property names as a context's naming policy writes them.</summary>
    private sealed record Names(JsonEncodedText Stack, JsonEncodedText Id, JsonEncodedText State, JsonEncodedText Inner)
    {
        public static Names For(JsonNamingPolicy policy) => new(
            JsonEncodedText.Encode(policy.ConvertName("Stack")),
            JsonEncodedText.Encode(policy.ConvertName("Id")),
            JsonEncodedText.Encode(policy.ConvertName("State")),
            JsonEncodedText.Encode(policy.ConvertName("Inner")));
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("The dialog stack's JSON ended early.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type) throw new JsonException($"The dialog stack's JSON has {reader.TokenType} where {type} belongs.");
    }
}

/// <summary>
/// Dialog ids read from stored stacks: every turn reads the same few names (a stack holds three or four), so each
/// name's string is made once and found again by its bytes.
/// </summary>
internal static class DialogIds
{
    private const int MaxKnown = 1024;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Known = new();

    /// <summary>The string the reader is on (a dialog id), the same instance as before when it was read before.</summary>
    public static string Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.HasValueSequence || reader.ValueIsEscaped) return reader.GetString() ?? "";
        var hash = new HashCode();
        hash.AddBytes(reader.ValueSpan);
        var key = hash.ToHashCode();
        // Two names with the same hash: the one kept first stays, the other is made each time.
        if (Known.TryGetValue(key, out var known) && reader.ValueTextEquals(known)) return known;
        var id = reader.GetString() ?? "";
        if (Known.Count < MaxKnown) Known.TryAdd(key, id);
        return id;
    }
}

/// <summary>
/// Where the JSON being read came from, so a converter can keep a value's stored text (a range of it)
/// instead of building a tree or a copy through a document. Set only around one synchronous read.
/// </summary>
internal static class JsonSource
{
    [ThreadStatic] private static byte[]? t_buffer;
    [ThreadStatic] private static int t_length;

    /// <summary>Reads <paramref name="json"/> (transcoded into a pooled buffer) with <paramref name="typeInfo"/>.</summary>
    public static T? Deserialize<T>(ReadOnlySpan<char> json, JsonTypeInfo<T> typeInfo)
    {
        var (previous, previousLength) = (t_buffer, t_length);
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(System.Text.Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = System.Text.Encoding.UTF8.GetBytes(json, bytes);
            (t_buffer, t_length) = (bytes, length);
            return JsonSerializer.Deserialize(bytes.AsSpan(0, length), typeInfo);
        }
        finally
        {
            (t_buffer, t_length) = (previous, previousLength);
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>
    /// The stored text of the value the reader is on, leaving the reader at its end; null (reader not moved) when
    /// the text is not at hand. The memory is valid only during the read.
    /// </summary>
    public static ReadOnlyMemory<byte>? Range(ref Utf8JsonReader reader)
    {
        if (t_buffer is not { } buffer || reader.HasValueSequence) return null;
        var start = reader.TokenStartIndex;
        if (start >= t_length || buffer[start] != FirstByte(reader.TokenType)) return null;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        var end = reader.BytesConsumed;
        return buffer.AsMemory((int)start, (int)(end - start));
    }

    private static byte FirstByte(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => (byte)'{',
        JsonTokenType.StartArray => (byte)'[',
        JsonTokenType.String => (byte)'"',
        JsonTokenType.True => (byte)'t',
        JsonTokenType.False => (byte)'f',
        JsonTokenType.Null => (byte)'n',
        _ => 0, // numbers: the caller keeps other representations for them
    };
}

/// <summary>
/// Prompt options read from stored stacks, shared by their text: most waiting questions are the same few
/// (the check-in's, the menu's), so a turn need not rebuild their objects. The objects are only read.
/// </summary>
internal static class PromptOptionsCache
{
    private const int MaxEntries = 512;
    private const int MaxBytes = 16 * 1024;
    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, (byte[] Json, PromptOptions Options)> Entries = [];

    public static (byte[] Json, PromptOptions? Options) Get(ReadOnlySpan<byte> json)
    {
        var hash = new HashCode();
        hash.AddBytes(json);
        var key = hash.ToHashCode();
        lock (Gate)
        {
            if (Entries.TryGetValue(key, out var found) && found.Json.AsSpan().SequenceEqual(json)) return found;
        }
        var options = JsonSerializer.Deserialize(json, DialogJson.Default.PromptOptions);
        var copy = json.ToArray();
        if (options is null || json.Length > MaxBytes) return (copy, options);
        lock (Gate)
        {
            if (Entries.Count >= MaxEntries) Entries.Clear();
            Entries[key] = (copy, options);
        }
        return (copy, options);
    }
}
