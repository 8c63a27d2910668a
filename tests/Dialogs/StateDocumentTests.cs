using System.Text.Json;
using TrustBot.State;

namespace TrustBot.Tests.Dialogs;

/// <summary>
/// A state document the bot wrote is loaded again by the next turn from the very text it wrote, and its properties are
/// then found from what the write recorded instead of a new scan. Both ways must find the same properties.
/// </summary>
public sealed class StateDocumentTests
{
    private sealed class NumberValue(int value) : LiveValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteNumberValue(value);
    }

    private const string Stored = """{"profile":{"name":"Sam","steps":[1,2,{"note":"a \"quoted\" word, with } and ]"}]},"count":3,"flag":true,"nothing":null,"text":"a,b}"}""";

    private static string WriteWithCount(string document, int count)
    {
        Assert.True(StateDocument.TrySplit(document, out var slots));
        slots.Single(s => s.Is(document, "count")).Live = new NumberValue(count);
        Assert.True(StateDocument.Write(document, slots, document, out var json, out _));
        return json!;
    }

    private static List<(string Name, string Value)> Properties(string document)
    {
        Assert.True(StateDocument.TrySplit(document, out var slots));
        return slots.Select(s => (Name: new[] { "profile", "count", "flag", "nothing", "text", "note" }.Single(n => s.Is(document, n)), Value: s.Raw(document).ToString())).ToList();
    }

    [Fact]
    public void A_written_document_loaded_again_has_the_same_properties_as_a_copy_of_its_text()
    {
        var written = WriteWithCount(Stored, 4);

        var fromWrite = Properties(written);
        var fromScan = Properties(new string(written.AsSpan()));

        Assert.Equal(fromScan, fromWrite);
        Assert.Equal(("count", "4"), fromWrite[1]);
        Assert.Equal(("profile", """{"name":"Sam","steps":[1,2,{"note":"a \"quoted\" word, with } and ]"}]}"""), fromWrite[0]);
        Assert.Equal(("text", "\"a,b}\""), fromWrite[^1]);
    }

    [Fact]
    public void A_document_loaded_twice_has_the_same_properties_both_times()
    {
        var copy = new string(Stored.AsSpan());

        Assert.Equal(Properties(copy), Properties(copy));
        Assert.Equal(5, Properties(copy).Count);
    }

    [Fact]
    public void A_written_document_that_kept_text_beyond_ascii_as_read_is_split_by_its_characters()
    {
        const string stored = """{"note":"café ☕","count":1}""";

        var written = WriteWithCount(stored, 2);

        Assert.Equal([("note", "\"café ☕\""), ("count", "2")], Properties(written));
    }

    [Fact]
    public void A_damaged_document_is_not_split()
    {
        Assert.False(StateDocument.TrySplit("""{"count":1,""", out var slots));
        Assert.Empty(slots);
    }

    private sealed class StringValue(string value) : LiveValue
    {
        public override void WriteTo(Utf8JsonWriter writer) => writer.WriteStringValue(value);
    }

    private static readonly byte[] MarkerName = "$turn"u8.ToArray();

    /// <summary>The text a turn saves, made in one pass, and the same document written the long way: the marker set as a value, then every value written again.</summary>
    private static (string? OnePass, string? TwoPasses) SaveMarked(string stored, Action<List<StateSlot>, string> change, string turnId)
    {
        Assert.True(StateDocument.TrySplit(stored, out var slots));
        change(slots, stored);
        var marker = slots.FirstOrDefault(s => s.Is(stored, "$turn"));
        StateDocument.WriteMarked(stored, slots, stored, marker, MarkerName, turnId, force: false, out var onePass, out _, out var marked);
        Assert.True(marked);
        if (marker is null) slots.Add(marker = new StateSlot("$turn", MarkerName));
        marker.Live = new StringValue(turnId);
        StateDocument.Write(stored, slots, stored, out var twoPasses, out _);
        return (onePass, twoPasses);
    }

    [Fact]
    public void A_changed_document_is_saved_with_the_turn_that_changed_it_in_place_of_the_turn_before()
    {
        const string stored = """{"count":3,"$turn":"turn-1","flag":true}""";

        var (onePass, twoPasses) = SaveMarked(stored, (slots, doc) => slots.Single(s => s.Is(doc, "count")).Live = new NumberValue(4), "turn-2 \"quoted\"");

        Assert.Equal(twoPasses, onePass);
        Assert.Equal("""{"count":4,"$turn":"turn-2 \u0022quoted\u0022","flag":true}""", onePass);
        Assert.Equal([("count", "4"), ("$turn", "\"turn-2 \\u0022quoted\\u0022\""), ("flag", "true")], MarkedProperties(onePass!));
    }

    [Fact]
    public void A_changed_document_that_named_no_turn_yet_gets_the_turn_as_its_last_property()
    {
        const string stored = """{"count":3,"flag":true}""";

        var (onePass, twoPasses) = SaveMarked(stored, (slots, doc) => slots.Single(s => s.Is(doc, "count")).Live = new NumberValue(4), "turn-2");

        Assert.Equal(twoPasses, onePass);
        Assert.Equal("""{"count":4,"flag":true,"$turn":"turn-2"}""", onePass);
        Assert.Equal([("count", "4"), ("flag", "true"), ("$turn", "\"turn-2\"")], MarkedProperties(onePass!));
    }

    [Fact]
    public void An_unchanged_document_is_not_saved_and_keeps_the_turn_that_last_changed_it()
    {
        const string stored = """{"count":3,"$turn":"turn-1"}""";
        Assert.True(StateDocument.TrySplit(stored, out var slots));

        var changed = StateDocument.WriteMarked(stored, slots, stored, slots[1], MarkerName, "turn-2", force: false, out var json, out var count, out var marked);

        Assert.False(changed);
        Assert.Null(json);
        Assert.Equal(2, count);
        Assert.True(marked);
    }

    [Fact]
    public void A_document_whose_turn_marker_was_removed_is_left_to_the_two_pass_write()
    {
        const string stored = """{"count":3,"$turn":"turn-1"}""";
        Assert.True(StateDocument.TrySplit(stored, out var slots));
        slots[1].Forget();
        slots[0].Live = new NumberValue(4);

        StateDocument.WriteMarked(stored, slots, stored, slots[1], MarkerName, "turn-2", force: false, out var json, out _, out var marked);

        Assert.False(marked);
        Assert.Null(json);
    }

    private static List<(string Name, string Value)> MarkedProperties(string document)
    {
        Assert.True(StateDocument.TrySplit(document, out var slots));
        return slots.Select(s => (Name: new[] { "count", "flag", "$turn" }.Single(n => s.Is(document, n)), Value: s.Raw(document).ToString())).ToList();
    }
}
