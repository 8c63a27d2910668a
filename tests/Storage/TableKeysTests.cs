using TrustBot.Bot.Storage;

namespace TrustBot.Tests.Storage;

public sealed class TableKeysTests
{
    private static readonly char[] Alphabet =
        "aZ09:|-_.~ /\\#?%u'\u0000\u0001\u001f\u007f\u0085\u009f\u00e4\u2014\ud83d\ude00\ud800\ufffe\uffff".ToCharArray();

    private static string RandomKey(Random random, int maxLength)
    {
        var chars = new char[random.Next(0, maxLength)];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[random.Next(Alphabet.Length)];
        return new string(chars);
    }

    private static bool IsAllowedInTableKey(char c) =>
        c >= 0x20 && c is not (>= '\u007f' and <= '\u009f') && c is not ('/' or '\\' or '#' or '?');

    [Fact]
    public void Encoded_keys_hold_only_allowed_chars_fit_the_limit_and_decode_to_the_original()
    {
        var random = new Random(4711);
        for (var n = 0; n < 2000; n++)
        {
            var key = RandomKey(random, 120);
            var encoded = TableKeys.Encode(key);

            Assert.All(encoded, c => Assert.True(IsAllowedInTableKey(c), $"U+{(int)c:X4} in '{encoded}'"));
            Assert.DoesNotContain(encoded, char.IsSurrogate);
            Assert.True(encoded.Length <= TableKeys.MaxKeyLength);
            Assert.Equal(key, TableKeys.Decode(encoded));
        }
    }

    [Fact]
    public void Prefix_relations_survive_escaping_so_range_queries_find_exactly_the_prefixed_keys()
    {
        var random = new Random(99);
        for (var n = 0; n < 5000; n++)
        {
            var key = RandomKey(random, 12);
            var prefix = random.Next(3) == 0 && key.Length > 0 ? key[..random.Next(key.Length)] : RandomKey(random, 4);
            var low = TableKeys.EncodePrefix(prefix);
            var high = TableKeys.PrefixUpperBound(low);
            var encoded = TableKeys.Encode(key);

            var inRange = string.CompareOrdinal(encoded, low) >= 0 && string.CompareOrdinal(encoded, high) < 0;

            Assert.Equal(key.StartsWith(prefix, StringComparison.Ordinal), inRange);
        }
    }

    [Fact]
    public void Keys_without_escaped_chars_keep_their_order_and_stay_readable()
    {
        string[] keys = ["journal:0001", "journal:0002", "msteams|29:abc", "win:2026-11-25T10:00"];
        Assert.Equal(keys, keys.Select(TableKeys.Encode));
        Assert.Equal("webchat%2Fusers%2Fdl_1%25%23%3F%5C%01", TableKeys.Encode("webchat/users/dl_1%#?\\\u0001"));
    }

    [Fact]
    public void Overlong_keys_are_hashed_deterministically_and_keys_differing_only_at_the_end_stay_distinct()
    {
        var a = "29:" + new string('x', 2000) + "a";
        var b = "29:" + new string('x', 2000) + "b";

        var encodedA = TableKeys.Encode(a);

        Assert.True(encodedA.Length <= TableKeys.MaxKeyLength);
        Assert.StartsWith("29:xxxx", encodedA);
        Assert.Equal(encodedA, TableKeys.Encode(a));
        Assert.NotEqual(encodedA, TableKeys.Encode(b));
        Assert.True(TableKeys.IsHashed(encodedA));
        Assert.False(TableKeys.IsHashed(TableKeys.Encode("short%~key")));
        Assert.Throws<ArgumentException>(() => TableKeys.Decode(encodedA));
    }

    [Fact]
    public void Hashing_never_splits_an_escape_sequence()
    {
        var key = new string('/', 1000);
        var encoded = TableKeys.Encode(key);
        var head = encoded[..encoded.IndexOf("%~", StringComparison.Ordinal)];
        Assert.Equal(0, head.Length % 3);
        Assert.Equal(new string('/', head.Length / 3), TableKeys.Decode(head));
    }
}
