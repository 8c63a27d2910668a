using System.Text;
using System.Text.RegularExpressions;

namespace TrustBot.Dialogs;

/// <summary>
/// The English recognisers behind the prompts and commands: pure, table-driven functions, safe on any input
/// and cheap enough for every turn. People type in their own words: case, punctuation, apostrophes and
/// polite extra words are ignored, yes/no come in many phrasings, numbers and step ordinals come as words,
/// and longer words may carry a typo.
/// </summary>
/// <remarks>One file per kind of answer: choices, yes/no, numbers, times of day and commands; the shared word
/// handling (normalising, words, typo-tolerant comparison) is here.</remarks>
internal static partial class Recognizers
{
    /// <summary>Answers longer than this many words are only scanned at their start (bounded work per turn).</summary>
    private const int MaxTokens = 60;

    /// <summary>Lower-case, trimmed, straight quotes, any script's digits as 0–9, surrounding punctuation removed, inner spaces collapsed.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var t = AsciiDigits(text.Trim()).ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'');
        t = Spaces().Replace(t, " ");
        return t.Trim(' ', '.', '!', '?', ',', ';', ':', '"', '(', ')', '*', '_', '-');
    }

    /// <summary>The words of the text: lower-case, apostrophes dropped ("I'm" → "im"), punctuation as a break, digits as 0–9.</summary>
    public static IReadOnlyList<string> Tokens(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        // A short text (a check-in answer, an option's title) is split again faster than a memo entry is made: each
        // entry is a GC handle taken under the table's lock, and every turn's message is a new string, so the memo
        // cost three of them a turn for words found in a few dozen nanoseconds.
        if (text.Length <= MemoMinLength) return SplitWords(text);
        // A longer message is split by several recognisers in a turn, and a long option text every time its question
        // is answered.
        return Memoised(text);
    }

    /// <summary>The words of <paramref name="text"/>, kept with the very string they came from (and gone when it goes).</summary>
    private static string[] Memoised(string text)
    {
        if (TokenMemo.TryGetValue(text, out var known)) return known;
        var tokens = SplitWords(text);
        TokenMemo.AddOrUpdate(text, tokens);
        return tokens;
    }

    /// <summary>Texts up to this many characters are split on every call rather than memoised.</summary>
    private const int MemoMinLength = 40;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string[]> TokenMemo = new();

    /// <summary>
    /// The words: runs of letters and digits, apostrophes inside a run dropped, anything else a break, at most
    /// <see cref="MaxTokens"/>. They are counted first, so that only the array and the words are allocated, and a
    /// text that is already one lower-case word is its own word.
    /// </summary>
    private static string[] SplitWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (inWord) continue;
                inWord = true;
                if (++count == MaxTokens) break;
            }
            else if (!IsApostrophe(ch))
            {
                inWord = false;
            }
        }
        if (count == 0) return [];

        var words = new string[count];
        var buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var found = 0;
        var length = 0;
        for (var i = 0; i <= text.Length && found < count; i++)
        {
            // One past the end counts as a break, so that the last word is kept.
            var ch = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(ch))
            {
                buffer[length++] = char.IsDigit(ch) && ch > '9' ? AsciiDigit(ch) : char.ToLowerInvariant(ch);
            }
            else if (!IsApostrophe(ch) && length > 0)
            {
                var word = buffer[..length];
                words[found++] = count == 1 && word.SequenceEqual(text) ? text : new string(word);
                length = 0;
            }
        }
        return words;
    }

    // Apostrophes vanish: "don't" and "dont" are the same word.
    private static bool IsApostrophe(char ch) => ch is '\'' or '\u2019' or '\u2018' or '`';

    /// <summary>True when two words are the same allowing plural/-ing/-ed endings and, on longer words, one typo (two on long ones).</summary>
    public static bool SameWord(string a, string b)
    {
        if (a == b) return true;
        if (a.Length < 3 || b.Length < 3) return false;
        if (Stem(a) == Stem(b)) return true;
        var shortest = Math.Min(a.Length, b.Length);
        if (shortest < 5 || a.Any(char.IsDigit) || b.Any(char.IsDigit)) return false;
        var allowed = shortest >= 8 ? 2 : 1;
        return Math.Abs(a.Length - b.Length) <= allowed && EditDistance(a, b, allowed) <= allowed;
    }

    private static string Stem(string w)
    {
        if (w.Length >= 7 && w.EndsWith("ings", StringComparison.Ordinal)) return w[..^4];
        if (w.Length >= 6 && w.EndsWith("ing", StringComparison.Ordinal)) return w[..^3];
        if (w.Length >= 5 && w.EndsWith("ed", StringComparison.Ordinal)) return w[..^2];
        if (w.Length >= 5 && w.EndsWith("ies", StringComparison.Ordinal)) return w[..^3] + "y";
        if (w.Length >= 4 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal)) return w[..^1];
        return w;
    }

    /// <summary>Levenshtein distance, giving up (returning limit + 1) as soon as it exceeds <paramref name="limit"/>.</summary>
    private static int EditDistance(string a, string b, int limit)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > limit) return limit + 1;
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    private static string AsciiDigits(string text)
    {
        if (!text.Any(c => char.IsDigit(c) && c > '9')) return text;
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++) if (char.IsDigit(chars[i]) && chars[i] > '9') chars[i] = AsciiDigit(chars[i]);
        return new string(chars);
    }

    /// <summary>Any script's decimal digit (Arabic-Indic, full-width, ...) as its ASCII digit.</summary>
    private static char AsciiDigit(char c)
    {
        var value = (int)char.GetNumericValue(c);
        return value is >= 0 and <= 9 ? (char)('0' + value) : c;
    }

    [GeneratedRegex(@"\s+")]
    internal static partial Regex Spaces();
}
