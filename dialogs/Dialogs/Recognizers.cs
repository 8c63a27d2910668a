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
        // A turn's message is split by several recognisers, and choice words every time a question is answered:
        // the words are kept with the very string they came from (and go when it goes).
        if (TokenMemo.TryGetValue(text, out var known)) return known;
        var tokens = SplitWords(text).ToArray();
        TokenMemo.AddOrUpdate(text, tokens);
        return tokens;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, string[]> TokenMemo = new();

    private static List<string> SplitWords(string text)
    {
        var list = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetter(ch) || char.IsDigit(ch))
            {
                word.Append(char.IsDigit(ch) && ch > '9' ? AsciiDigit(ch) : char.ToLowerInvariant(ch));
            }
            else if (ch is '\'' or '\u2019' or '\u2018' or '`')
            {
                // Apostrophes vanish: "don't" and "dont" are the same word.
            }
            else if (word.Length > 0)
            {
                list.Add(word.ToString());
                word.Clear();
                if (list.Count == MaxTokens) return list;
            }
        }
        if (word.Length > 0 && list.Count < MaxTokens) list.Add(word.ToString());
        return list;
    }

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
