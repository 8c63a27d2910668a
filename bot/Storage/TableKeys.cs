using System.Security.Cryptography;
using System.Text;

namespace TrustBot.Bot.Storage;

/// <summary>
/// Turns any <see cref="TrustBot.State.StorageKey"/> part into a valid Azure Table PartitionKey/RowKey.
/// </summary>
/// <remarks>
/// Table keys forbid <c>/ \ # ?</c>, U+0000–U+001F and U+007F–U+009F and hold at most 1 KiB
/// (512 UTF-16 chars; Azurite enforces exactly that). Each forbidden char, the escape char <c>%</c>,
/// surrogates and U+FFFE/U+FFFF become <c>%XX</c> (≤ U+00FF) or <c>%uXXXX</c>, upper-case hex.
/// Every char maps to its own code word and no code word is a prefix of another, so
/// "original starts with P" ⇔ "escaped starts with escape(P)": prefix range queries on the escaped
/// form find exactly the rows a prefix query on the original would. Ordering is preserved for keys
/// made of chars that need no escaping (and among escaped chars themselves); a row holding
/// <c>/ # ?</c> or control chars may sort slightly differently than its original would.
/// An escaped form has only BMP non-surrogate chars below U+FFFE, so UTF-16, UTF-8 and code-point
/// orderings agree and <c>escaped + U+FFFF</c> is a strict upper bound for a prefix.
/// Keys longer than the limit after escaping keep a readable head and end in <c>%~</c> plus the
/// SHA-256 of the whole escaped key; <c>%~</c> never occurs in an escaped key, so hashed and plain
/// keys cannot collide. Hashed keys can't be decoded: the storage keeps the original in a property.
/// </remarks>
internal static class TableKeys
{
    /// <summary>Longest key Table Storage accepts, in chars (1 KiB of UTF-16).</summary>
    public const int MaxKeyLength = 512;

    private const char Escape = '%';
    private const string HashMarker = "%~";
    private const int HashHexLength = 64;

    /// <summary>The Table key for <paramref name="value"/>: escaped, and hashed when too long.</summary>
    public static string Encode(string value)
    {
        var escaped = EscapeAll(value);
        if (escaped.Length <= MaxKeyLength) return escaped;

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(escaped)));
        var head = CutAtCodeWordBoundary(escaped, MaxKeyLength - HashMarker.Length - HashHexLength);
        return string.Concat(head, HashMarker, hash);
    }

    /// <summary>True when <paramref name="key"/> was hashed and cannot be decoded.</summary>
    public static bool IsHashed(string key) => key.Contains(HashMarker, StringComparison.Ordinal);

    /// <summary>
    /// The escaped form used for prefix range queries. It is not hashed: a prefix longer than a
    /// hashed key's readable head cannot match that key.
    /// </summary>
    public static string EncodePrefix(string prefix) => EscapeAll(prefix);

    /// <summary>The smallest string greater than every string that starts with <paramref name="escapedPrefix"/>.</summary>
    public static string PrefixUpperBound(string escapedPrefix) => escapedPrefix + '\uffff';

    /// <summary>Reverses <see cref="Encode"/> for keys that were not hashed.</summary>
    public static string Decode(string key)
    {
        if (IsHashed(key)) throw new ArgumentException("A hashed table key cannot be decoded; read the original key from the entity.", nameof(key));
        if (!key.Contains(Escape)) return key;

        var sb = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c != Escape)
            {
                sb.Append(c);
                continue;
            }
            if (i + 1 < key.Length && key[i + 1] == 'u')
            {
                sb.Append((char)ParseHex(key, i + 2, 4));
                i += 5;
            }
            else
            {
                sb.Append((char)ParseHex(key, i + 1, 2));
                i += 2;
            }
        }
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) =>
        c < 0x20
        || c is >= '\u007f' and <= '\u009f'
        || c is '/' or '\\' or '#' or '?' or Escape
        || char.IsSurrogate(c)
        || c is '\ufffe' or '\uffff';

    private static string EscapeAll(string value)
    {
        var first = -1;
        for (var i = 0; i < value.Length; i++)
        {
            if (NeedsEscape(value[i]))
            {
                first = i;
                break;
            }
        }
        if (first < 0) return value;

        var sb = new StringBuilder(value.Length + 16);
        sb.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            if (!NeedsEscape(c)) sb.Append(c);
            else if (c <= 0xff) sb.Append(Escape).Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(Escape).Append('u').Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>Cuts so that no <c>%XX</c>/<c>%uXXXX</c> code word is split.</summary>
    private static string CutAtCodeWordBoundary(string escaped, int maxLength)
    {
        var end = 0;
        while (end < escaped.Length)
        {
            var width = escaped[end] != Escape ? 1 : escaped[end + 1] == 'u' ? 6 : 3;
            if (end + width > maxLength) break;
            end += width;
        }
        return escaped[..end];
    }

    private static int ParseHex(string key, int start, int length)
    {
        if (start + length > key.Length
            || !int.TryParse(key.AsSpan(start, length), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"The table key has a malformed escape at position {start - 1}; it was not written by TrustBot's table storage.");
        }
        return value;
    }
}
