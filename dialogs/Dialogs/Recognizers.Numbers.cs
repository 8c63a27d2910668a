using System.Globalization;
using System.Text.RegularExpressions;

namespace TrustBot.Dialogs;

/// <summary>Numbers and step numbers, as digits or words.</summary>
internal static partial class Recognizers
{
    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
        ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17,
        ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7,
        ["eighth"] = 8, ["ninth"] = 9, ["tenth"] = 10, ["1st"] = 1, ["2nd"] = 2, ["3rd"] = 3, ["4th"] = 4, ["5th"] = 5,
        ["6th"] = 6, ["7th"] = 7, ["8th"] = 8, ["9th"] = 9, ["10th"] = 10, ["last"] = -1,
    };

    /// <summary>Finds a number in the text: digits ("7", "7.5", "7/10", "7 out of 10", "٣") or a word ("seven").</summary>
    public static bool TryNumber(string? text, out string number)
    {
        number = "";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var ascii = AsciiDigits(text);
        var m = NumberPattern().Match(ascii);
        if (m.Success)
        {
            number = m.Groups["n"].Value.Replace(',', '.');
            return true;
        }
        foreach (var word in Tokens(ascii))
        {
            if (NumberWords.TryGetValue(word, out var n))
            {
                number = n.ToString(CultureInfo.InvariantCulture);
                return true;
            }
        }
        return false;
    }

    /// <summary>True when the text is a number and nothing else: "7", "7.5", "7/10", "7 out of 10", "seven".</summary>
    public static bool IsOnlyANumber(string? text)
    {
        var t = Normalize(text);
        return OnlyANumber().IsMatch(t) || NumberWords.ContainsKey(t);
    }

    /// <summary>
    /// A step number in "step 3", "step three", "the third step", "3rd step", "go to step 3 please". Any number is
    /// returned (the caller says when there is no such step); false when the message is not about a step number.
    /// </summary>
    public static bool TryStepNumber(string? text, out int step)
    {
        step = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var tokens = Tokens(text).Where(t => t == "one" || !(Fillers.Contains(t) || t is "start" or "begin" or "try" or "onto" or "into" or "is")).ToList();
        if (tokens.Count != 2) return false;
        var at = tokens.IndexOf("step");
        if (at < 0) return false;
        tokens.RemoveAt(at);
        if (tokens is [var n])
        {
            if (int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out step) && n.Length <= 3) return true;
            if (NumberWords.TryGetValue(n, out step)) return true;
            if (Ordinals.TryGetValue(n, out step) && step > 0) return true;
        }
        step = 0;
        return false;
    }

    [GeneratedRegex(@"^-?[0-9]+(?:[.,][0-9]+)?(?:\s*(?:/|out\s+of)\s*10)?$")]
    private static partial Regex OnlyANumber();

    [GeneratedRegex(@"(?<![\w.])(?<n>-?[0-9]+(?:[.,][0-9]+)?)(?![\w])")]
    private static partial Regex NumberPattern();
}
