using System.Globalization;
using System.Text.RegularExpressions;

namespace TrustBot.Dialogs;

/// <summary>The English recognisers behind the prompts; pure functions, safe on any input.</summary>
public static partial class Recognizers
{
    private static readonly Dictionary<string, int> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6,
        ["seven"] = 7, ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12,
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["first"] = 1, ["second"] = 2, ["third"] = 3, ["fourth"] = 4, ["fifth"] = 5, ["sixth"] = 6, ["seventh"] = 7, ["eighth"] = 8, ["last"] = -1,
    };

    private static readonly HashSet<string> YesWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "yes", "y", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "of course", "definitely", "absolutely", "please",
        "yes please", "i do", "i am", "i will", "correct", "right", "that's right", "thats right", "go ahead", "let's go", "lets go", "👍", "true",
    };

    private static readonly HashSet<string> NoWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "no", "n", "nope", "nah", "not now", "not really", "no thanks", "no thank you", "not yet", "never", "i don't", "i dont",
        "i'm not", "im not", "don't", "dont", "cancel that", "👎", "false", "no way",
    };

    /// <summary>Finds a number in the text: digits ("7", "7.5", "7/10", "7 out of 10") or a word ("seven").</summary>
    public static bool TryNumber(string? text, out string number)
    {
        number = "";
        if (string.IsNullOrWhiteSpace(text)) return false;
        var m = NumberPattern().Match(text);
        if (m.Success)
        {
            number = m.Groups["n"].Value.Replace(',', '.');
            return true;
        }
        foreach (var word in Words(text))
        {
            if (NumberWords.TryGetValue(word, out var n))
            {
                number = n.ToString(CultureInfo.InvariantCulture);
                return true;
            }
        }
        return false;
    }

    /// <summary>Understands yes/no words; false when the text is neither.</summary>
    public static bool TryConfirm(string? text, out bool yes)
    {
        yes = false;
        var t = Normalize(text);
        if (t.Length == 0) return false;
        if (YesWords.Contains(t)) return yes = true;
        if (NoWords.Contains(t)) return true;
        var first = Words(t).FirstOrDefault() ?? "";
        if (first is "yes" or "yeah" or "yep" or "sure" or "ok" or "okay") return yes = true;
        return first is "no" or "nope" or "nah";
    }

    /// <summary>Matches a choice by number ("2"), ordinal ("second"), exact title, synonym, or a unique partial title.</summary>
    public static FoundChoice? MatchChoice(string? text, IReadOnlyList<Choice> choices)
    {
        var t = Normalize(text);
        if (t.Length == 0 || choices.Count == 0) return null;

        if (int.TryParse(t.TrimEnd('.', ')'), NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= choices.Count)
            return Found(choices, index - 1);
        if (Ordinals.TryGetValue(t, out var ordinal))
        {
            var i = ordinal == -1 ? choices.Count - 1 : ordinal - 1;
            if (i < choices.Count) return Found(choices, i);
        }

        for (var i = 0; i < choices.Count; i++)
        {
            if (Normalize(choices[i].Value) == t || Normalize(choices[i].Display) == t) return Found(choices, i);
            if (choices[i].Synonyms?.Any(s => Normalize(s) == t) == true) return Found(choices, i);
        }

        // Partial: every word the person typed appears in exactly one option's title or synonyms.
        var typed = Words(t).Where(w => w.Length > 1).ToArray();
        if (typed.Length == 0) return null;
        var matches = new List<int>();
        for (var i = 0; i < choices.Count; i++)
        {
            var candidates = new[] { choices[i].Display, choices[i].Value }.Concat(choices[i].Synonyms ?? []);
            if (candidates.Any(c => ContainsAllWords(Normalize(c), typed))) matches.Add(i);
        }
        return matches.Count == 1 ? Found(choices, matches[0]) : null;
    }

    /// <summary>Reads a time of day: "7pm", "7 pm", "19:00", "7:30am", "19h", "noon", "morning", "evening".</summary>
    public static bool TryTimeOfDay(string? text, out TimeOnly time)
    {
        time = default;
        var t = Normalize(text);
        if (t.Length == 0) return false;
        switch (t)
        {
            case "morning" or "in the morning" or "mornings": time = new TimeOnly(9, 0); return true;
            case "noon" or "midday" or "lunchtime" or "lunch": time = new TimeOnly(12, 0); return true;
            case "afternoon" or "in the afternoon": time = new TimeOnly(15, 0); return true;
            case "evening" or "in the evening" or "evenings" or "after work": time = new TimeOnly(19, 0); return true;
            case "night" or "at night" or "tonight": time = new TimeOnly(21, 0); return true;
            case "midnight": time = new TimeOnly(0, 0); return true;
        }
        var m = TimePattern().Match(t);
        if (!m.Success) return false;
        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var half = m.Groups["ampm"].Value;
        if (minute > 59) return false;
        if (half.Length > 0)
        {
            if (hour is < 1 or > 12) return false;
            if (half.StartsWith('p') && hour != 12) hour += 12;
            if (half.StartsWith('a') && hour == 12) hour = 0;
        }
        else if (!m.Groups["m"].Success && !m.Groups["hsuffix"].Success)
        {
            // A bare number is ambiguous; read 1–11 as the evening hour people usually mean for a check-in only when they say so.
            return false;
        }
        if (hour is < 0 or > 23) return false;
        time = new TimeOnly(hour, minute);
        return true;
    }

    /// <summary>Lower-case, trimmed, straight quotes, surrounding punctuation removed, inner spaces collapsed.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var t = text.Trim().ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'');
        t = Spaces().Replace(t, " ");
        return t.Trim(' ', '.', '!', '?', ',', ';', ':', '"', '(', ')', '*', '_', '-');
    }

    private static bool ContainsAllWords(string candidate, string[] words)
    {
        var have = Words(candidate).ToHashSet(StringComparer.Ordinal);
        return words.All(w => have.Contains(w) || have.Any(h => h.StartsWith(w, StringComparison.Ordinal) && w.Length >= 3));
    }

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    private static FoundChoice Found(IReadOnlyList<Choice> choices, int i) => new(choices[i].Value, i);

    [GeneratedRegex(@"(?<![\w.])(?<n>-?[0-9]+(?:[.,][0-9]+)?)(?![\w])")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(?:at |around |about )?(?<h>[0-9]{1,2})(?:(?:[:.h](?<m>[0-9]{2}))|(?<hsuffix>h))?\s*(?<ampm>a\.?m\.?|p\.?m\.?)?(?: ish)?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
