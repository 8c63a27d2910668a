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
}
