using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace TrustBot.State;

/// <summary>A typed value a turn read or set; written back with its own generated JSON contract.</summary>
internal abstract class LiveValue
{
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>The turn is over and <paramref name="document"/> is what its scope now holds in storage (see <see cref="IReusableState"/>).</summary>
    public virtual void Release(string document)
    {
    }
}

/// <summary>
/// One top-level property of a state document: its text as read (a range of the document) until a typed
/// accessor asks for it, then the live value the turn works on.
/// </summary>
internal sealed class StateSlot
{
    private readonly string? _name;
    private readonly byte[]? _encodedName;
    private readonly int _nameStart;
    private readonly int _nameLength;
    private readonly int _rawStart;
    private int _rawLength;

    /// <summary>A property found in the stored document (name and value are ranges of it; the name range includes its quotes).</summary>
    public StateSlot(int nameStart, int nameLength, int rawStart, int rawLength)
    {
        _nameStart = nameStart;
        _nameLength = nameLength;
        _rawStart = rawStart;
        _rawLength = rawLength;
    }

    /// <summary>A property the turn adds.</summary>
    public StateSlot(string name, byte[] encodedName)
    {
        _name = name;
        _encodedName = encodedName;
        _rawLength = -1;
    }

    public LiveValue? Live { get; set; }

    /// <summary>The ranges of a property found in a stored document: name start, name length, value start, value length.</summary>
    public void CopyRangesTo(Span<int> ranges)
    {
        ranges[0] = _nameStart;
        ranges[1] = _nameLength;
        ranges[2] = _rawStart;
        ranges[3] = _rawLength;
    }

    /// <summary>True while the stored text is the property's value (it was read and not removed).</summary>
    public bool HasRaw => _rawLength >= 0;

    /// <summary>Written back: it has a live value or its stored text.</summary>
    public bool Present => Live is not null || HasRaw;

    public bool Is(string document, string name) =>
        _name is not null ? _name == name : document.AsSpan(_nameStart + 1, _nameLength - 2).SequenceEqual(name);

    public ReadOnlySpan<char> Raw(string document) => document.AsSpan(_rawStart, _rawLength);

    public bool RawIsNull(string document) => Raw(document).SequenceEqual("null");

    /// <summary>The property is removed: neither its stored text nor a value is written back.</summary>
    public void Forget()
    {
        Live = null;
        _rawLength = -1;
    }

    public void WriteName(string document, ArrayBufferWriter<byte> buffer)
    {
        if (_encodedName is not null)
        {
            buffer.Write("\""u8);
            buffer.Write(_encodedName);
            buffer.Write("\""u8);
        }
        else
        {
            StateDocument.Transcode(document.AsSpan(_nameStart, _nameLength), buffer);
        }
    }
}

/// <summary>
/// Reads a stored state document into property slots without building a JSON tree, and writes it back
/// compactly, with the properties in the same order, so an unchanged document is recognised without a
/// write (and without allocating its text). The turn's cost here used to be a JSON tree parsed and
/// serialised twice per document.
/// </summary>
internal static class StateDocument
{
    /// <summary>Buffers kept larger than this are not kept for the next turn on the thread.</summary>
    private const int KeptBufferBytes = 256 * 1024;

    /// <summary>How many document texts' property ranges are remembered (see <see cref="Known"/>).</summary>
    private const int KnownLayouts = 1024;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_writer;
    [ThreadStatic] private static List<int>? t_ranges;
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_spliced;

    /// <summary>
    /// The property ranges of document texts this process wrote or already split, found by the text instance itself.
    /// With the state cache on, the text a turn loads is almost always the very string the person's previous turn
    /// wrote (or loaded), so it is neither validated nor scanned again; those two passes over both documents were
    /// about a twelfth of a warm turn's CPU. A slot holds one text and its ranges, replaced whole, so a reader never sees a torn pair;
    /// a text that lost its slot to another is only split again.
    /// </summary>
    private static readonly Layout?[] Known = new Layout?[KnownLayouts];

    /// <summary>The top-level properties of a JSON object, or false when the text is not a valid JSON object.</summary>
    public static bool TrySplit(string json, out List<StateSlot> slots)
    {
        var slot = (int)((uint)RuntimeHelpers.GetHashCode(json) % KnownLayouts);
        if (Known[slot] is { } known && ReferenceEquals(known.Json, json))
        {
            var ranges = known.Ranges;
            slots = new List<StateSlot>(ranges.Length / 4);
            for (var r = 0; r < ranges.Length; r += 4) slots.Add(new StateSlot(ranges[r], ranges[r + 1], ranges[r + 2], ranges[r + 3]));
            return true;
        }
        if (!Scan(json, out slots)) return false;
        var found = new int[slots.Count * 4];
        for (var i = 0; i < slots.Count; i++) slots[i].CopyRangesTo(found.AsSpan(i * 4, 4));
        Known[slot] = new Layout(json, found);
        return true;
    }

    private static bool Scan(string json, out List<StateSlot> slots)
    {
        slots = [];
        if (!IsValidObject(json)) return false;
        var i = SkipSpace(json, 0) + 1; // past '{'
        i = SkipSpace(json, i);
        if (json[i] == '}') return true;
        while (true)
        {
            var nameStart = i;
            i = EndOfString(json, i);
            var nameLength = i - nameStart;
            i = SkipSpace(json, i) + 1; // past ':'
            i = SkipSpace(json, i);
            var valueStart = i;
            i = EndOfValue(json, i);
            slots.Add(new StateSlot(nameStart, nameLength, valueStart, i - valueStart));
            i = SkipSpace(json, i);
            if (json[i] == '}') return true;
            i = SkipSpace(json, i + 1); // past ','
        }
    }

    /// <summary>
    /// Writes the document the slots describe. Returns false (and no text) when it is exactly
    /// <paramref name="original"/>; <paramref name="count"/> is the number of properties written.
    /// With <paramref name="text"/> false only the comparison is made and no text is produced.
    /// </summary>
    public static bool Write(string document, List<StateSlot> slots, string original, out string? json, out int count, bool text = true)
    {
        var buffer = WriteSlots(document, slots, null, out count, out _);
        var same = SameText(buffer.WrittenSpan, original);
        json = same || !text ? null : Text(buffer.WrittenSpan, t_ranges!);
        ReleaseBuffers(buffer);
        return !same;
    }

    /// <summary>
    /// Writes the document the slots describe and compares it with <paramref name="original"/> as <see cref="Write"/> does;
    /// when it changed (or <paramref name="force"/>) and has properties, the text made has <paramref name="value"/> as the
    /// string of the property <paramref name="marker"/> names (in place of the document's value, or added last when the
    /// document has none). The turn's identity is recorded this way without serialising every value a second time;
    /// false for <paramref name="marked"/> (and no text) when that cannot be done in one pass: call <see cref="Write"/>.
    /// <paramref name="marker"/> is the document's slot of the property (null when it has none) and
    /// <paramref name="encodedName"/> its name, JSON-encoded, without quotes.
    /// </summary>
    public static bool WriteMarked(
        string document, List<StateSlot> slots, string original, StateSlot? marker, ReadOnlySpan<byte> encodedName, string value, bool force,
        out string? json, out int count, out bool marked)
    {
        var buffer = WriteSlots(document, slots, marker, out count, out var markerIndex);
        var changed = !SameText(buffer.WrittenSpan, original);
        json = null;
        // A slot that is in the document but not written (removed this turn) has a place of its own among the others.
        marked = count == 0 || !(changed || force) || marker is null || markerIndex >= 0;
        if (count > 0 && (changed || force) && marked)
        {
            var ranges = t_ranges!;
            var written = buffer.WrittenSpan;
            var spliced = t_spliced ??= new ArrayBufferWriter<byte>(4096);
            spliced.ResetWrittenCount();
            int cut, resume, shiftFrom;
            if (markerIndex >= 0)
            {
                // Everything up to the old value, the new value, then everything after it.
                cut = ranges[markerIndex + 2];
                resume = cut + ranges[markerIndex + 3];
                shiftFrom = markerIndex + 4;
                spliced.Write(written[..cut]);
            }
            else
            {
                // A new last property: before the closing brace.
                cut = resume = written.Length - 1;
                shiftFrom = int.MaxValue; // nothing follows it
                spliced.Write(written[..cut]);
                spliced.Write(","u8);
                ranges.Add(spliced.WrittenCount);
                spliced.Write("\""u8);
                spliced.Write(encodedName);
                spliced.Write("\""u8);
                ranges.Add(spliced.WrittenCount - ranges[^1]);
                spliced.Write(":"u8);
                ranges.Add(spliced.WrittenCount);
                ranges.Add(0);
            }
            var valueStart = spliced.WrittenCount;
            var writer = t_writer!;
            writer.Reset(spliced);
            writer.WriteStringValue(value);
            writer.Flush();
            var valueLength = spliced.WrittenCount - valueStart;
            spliced.Write(written[resume..]);
            var shift = valueStart + valueLength - resume;
            if (markerIndex >= 0) ranges[markerIndex + 3] = valueLength;
            else ranges[^1] = valueLength;
            for (var r = shiftFrom; r < ranges.Count; r += 4)
            {
                ranges[r] += shift;
                ranges[r + 2] += shift;
            }
            json = Text(spliced.WrittenSpan, ranges);
            if (spliced.Capacity > KeptBufferBytes) t_spliced = null;
        }
        ReleaseBuffers(buffer);
        return changed;
    }

    /// <summary>
    /// Writes the present slots into the thread's buffer, their ranges into <see cref="t_ranges"/>; <paramref name="markerIndex"/>
    /// is where <paramref name="marker"/>'s ranges start there (-1 when it was not written).
    /// </summary>
    private static ArrayBufferWriter<byte> WriteSlots(string document, List<StateSlot> slots, StateSlot? marker, out int count, out int markerIndex)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4096);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        var ranges = t_ranges ??= [];
        ranges.Clear();
        count = 0;
        markerIndex = -1;
        buffer.Write("{"u8);
        foreach (var slot in slots)
        {
            if (!slot.Present) continue;
            if (count++ > 0) buffer.Write(","u8);
            if (ReferenceEquals(slot, marker)) markerIndex = ranges.Count;
            var nameStart = buffer.WrittenCount;
            slot.WriteName(document, buffer);
            var nameLength = buffer.WrittenCount - nameStart;
            buffer.Write(":"u8);
            var valueStart = buffer.WrittenCount;
            if (slot.Live is { } live)
            {
                writer.Reset(buffer);
                live.WriteTo(writer);
                writer.Flush();
            }
            else
            {
                Transcode(slot.Raw(document), buffer);
            }
            ranges.Add(nameStart);
            ranges.Add(nameLength);
            ranges.Add(valueStart);
            ranges.Add(buffer.WrittenCount - valueStart);
        }
        buffer.Write("}"u8);
        return buffer;
    }

    /// <summary>The document's text, its property ranges remembered for the turn that loads it next.</summary>
    private static string Text(ReadOnlySpan<byte> utf8, List<int> ranges)
    {
        var json = Encoding.UTF8.GetString(utf8);
        // The ranges are byte offsets: they are the text's own only when every character took one byte (the
        // writer escapes everything beyond ASCII, so only a stored value kept as read can make it otherwise).
        if (json.Length == utf8.Length)
            Known[(int)((uint)RuntimeHelpers.GetHashCode(json) % KnownLayouts)] = new Layout(json, [.. ranges]);
        return json;
    }

    private static void ReleaseBuffers(ArrayBufferWriter<byte> buffer)
    {
        if (buffer.Capacity <= KeptBufferBytes) return;
        t_buffer = null;
        t_writer = null;
    }

    public static void Transcode(ReadOnlySpan<char> text, ArrayBufferWriter<byte> buffer)
    {
        var written = Encoding.UTF8.GetBytes(text, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        buffer.Advance(written);
    }

    private static bool SameText(ReadOnlySpan<byte> utf8, string text)
    {
        if (utf8.Length < text.Length) return false; // every char takes at least one byte
        var chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            var length = Encoding.UTF8.GetChars(utf8, chars);
            return chars.AsSpan(0, length).SequenceEqual(text);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>Strict validation with the framework's reader (no tree is built), so the scanner below only meets valid JSON.</summary>
    private static bool IsValidObject(string json)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, bytes);
            var reader = new Utf8JsonReader(bytes.AsSpan(0, length));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            reader.Skip();
            return !reader.Read(); // nothing after the object
        }
        catch (JsonException)
        {
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static int SkipSpace(string json, int i)
    {
        while (i < json.Length && json[i] is ' ' or '\t' or '\r' or '\n') i++;
        return i;
    }

    /// <summary>The index after the string starting at <paramref name="i"/> (its opening quote).</summary>
    private static int EndOfString(string json, int i)
    {
        for (i++; json[i] != '"'; i++)
            if (json[i] == '\\') i++;
        return i + 1;
    }

    /// <summary>The index after the value starting at <paramref name="i"/>.</summary>
    private static int EndOfValue(string json, int i)
    {
        switch (json[i])
        {
            case '"':
                return EndOfString(json, i);
            case '{' or '[':
                var depth = 0;
                while (true)
                {
                    switch (json[i])
                    {
                        case '"':
                            i = EndOfString(json, i);
                            continue;
                        case '{' or '[':
                            depth++;
                            break;
                        case '}' or ']':
                            if (--depth == 0) return i + 1;
                            break;
                    }
                    i++;
                }
            default:
                while (i < json.Length && json[i] is not (',' or '}' or ']' or ' ' or '\t' or '\r' or '\n')) i++;
                return i;
        }
    }

    /// <summary>A document text and its properties' ranges, four numbers each: name start and length (with quotes), value start and length.</summary>
    private sealed class Layout(string json, int[] ranges)
    {
        public string Json { get; } = json;

        public int[] Ranges { get; } = ranges;
    }
}
