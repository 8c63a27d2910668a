using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TrustBot.Dialogs;

/// <summary>How an answer matched a list of choices.</summary>
/// <param name="Found">The option understood, or null.</param>
/// <param name="Exact">The answer is the option itself (its value, title, a synonym or its number), not a phrase around it.</param>
/// <param name="Ambiguous">The answer names more than one option: these (zero-based), to be asked about rather than guessed.</param>
internal readonly record struct ChoiceMatch(FoundChoice? Found, bool Exact, IReadOnlyList<int> Ambiguous)
{
    /// <summary>Nothing understood.</summary>
    public static ChoiceMatch None => new(null, false, []);
}

/// <summary>
/// The English recognisers behind the prompts and commands: pure, table-driven functions, safe on any input
/// and cheap enough for every turn. People type in their own words: case, punctuation, apostrophes and
/// polite extra words are ignored, yes/no come in many phrasings, numbers and step ordinals come as words,
/// and longer words may carry a typo.
/// </summary>
internal static partial class Recognizers
{
    /// <summary>Answers longer than this many words are only scanned at their start (bounded work per turn).</summary>
    private const int MaxTokens = 60;

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

    /// <summary>Yes, no and "can't say" phrasings, as token sequences (apostrophes already removed).</summary>
    private static readonly (string Phrase, bool? Yes)[] ConfirmPhrases =
    [
        ("yes", true), ("y", true), ("yeah", true), ("yea", true), ("ya", true), ("yep", true), ("yup", true), ("yass", true), ("yes please", true),
        ("sure", true), ("sure thing", true), ("ok", true), ("okay", true), ("okey", true), ("k", true), ("kk", true), ("alright", true), ("all right", true),
        ("fine", true), ("ok fine", true), ("of course", true), ("definitely", true), ("absolutely", true), ("certainly", true), ("totally", true),
        ("please", true), ("go ahead", true), ("go for it", true), ("lets go", true), ("lets do it", true), ("lets do this", true), ("do it", true),
        ("i do", true), ("i am", true), ("i will", true), ("i would", true), ("i think so", true), ("i guess so", true), ("think so", true),
        ("sounds good", true), ("sounds great", true), ("good idea", true), ("why not", true), ("correct", true), ("right", true),
        ("thats right", true), ("true", true), ("agreed", true), ("ready", true), ("im ready", true), ("lets start", true), ("lets begin", true),
        ("no", false), ("n", false), ("nope", false), ("nah", false), ("naw", false), ("not now", false), ("not yet", false), ("not really", false),
        ("no thanks", false), ("no thank you", false), ("never", false), ("i dont", false), ("i dont think so", false), ("dont think so", false),
        ("im not", false), ("i am not", false), ("dont", false), ("not today", false), ("maybe later", false), ("later", false), ("no way", false),
        ("not at all", false), ("false", false), ("rather not", false), ("id rather not", false), ("i would rather not", false), ("i wont", false),
        ("not sure", null), ("im not sure", null), ("unsure", null), ("dont know", null), ("i dont know", null), ("idk", null), ("no idea", null),
        ("maybe", null), ("perhaps", null), ("dunno", null), ("not ok", null), ("not okay", null), ("not fine", null), ("not right", null),
        ("kind of", null), ("sort of", null), ("hard to say", null),
    ];

    private static readonly string[][] ConfirmTokens = ConfirmPhrases.Select(p => p.Phrase.Split(' ')).ToArray();

    /// <summary>Words that turn the option after them around ("not better").</summary>
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "dont", "didnt", "doesnt", "isnt", "wasnt", "arent", "werent", "cant", "wont", "without", "hardly", "nothing",
    };

    /// <summary>Words skipped when looking back for a negation ("not really better").</summary>
    private static readonly HashSet<string> Softeners = new(StringComparer.Ordinal) { "really", "very", "so", "that", "much", "any", "all", "too", "quite", "feel", "feeling", "a", "lot", "the" };

    /// <summary>Words that carry no choice on their own; ignored when matching by content.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "i", "im", "ive", "id", "ill", "me", "my", "we", "were", "weve", "us", "our", "you", "your", "it", "its", "is", "are",
        "was", "be", "been", "am", "to", "of", "on", "in", "at", "for", "with", "about", "and", "or", "so", "just", "really", "actually",
        "think", "guess", "would", "like", "please", "pls", "plz", "thanks", "thank", "um", "uh", "umm", "well", "oh", "hmm", "that", "this",
        "these", "those", "there", "one", "option", "number", "choose", "pick", "go", "with", "lets", "let", "do", "can", "could", "want",
        "then", "now", "very", "much", "bit", "little", "some", "kind", "sort", "say", "id", "probably", "maybe", "yeah",
    };

    /// <summary>Polite words around a command or number that do not change it ("menu please", "option 2").</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "please", "pls", "plz", "thanks", "thank", "you", "now", "the", "a", "option", "number", "choice", "one", "ok", "okay", "um", "uh", "hmm",
        "just", "again", "go", "with", "i", "pick", "choose", "take", "want", "id", "like", "lets", "let", "me", "see", "show", "open", "to", "back",
        "can", "could", "would", "we", "do", "get", "hey", "hi", "trustbot", "bot", "so", "well", "oh", "then",
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

    /// <summary>
    /// Understands yes and no in many phrasings ("ok fine", "yes, I think so?", "nah", "not really"); false when the
    /// text is neither, says it can't tell ("not sure", "maybe"), or says both.
    /// </summary>
    public static bool TryConfirm(string? text, out bool yes)
    {
        yes = false;
        if (string.IsNullOrWhiteSpace(text)) return false;
        if (text.Contains("👍", StringComparison.Ordinal)) return yes = true;
        if (text.Contains("👎", StringComparison.Ordinal)) return true;
        var tokens = Tokens(text);
        if (tokens.Count == 0) return false;
        bool sawYes = false, sawNo = false;
        var i = 0;
        while (i < tokens.Count)
        {
            // Longest phrase first, so "i dont think so" is not read as "think so".
            var best = -1;
            for (var p = 0; p < ConfirmTokens.Length; p++)
            {
                var phrase = ConfirmTokens[p];
                if (i + phrase.Length > tokens.Count || (best >= 0 && phrase.Length <= ConfirmTokens[best].Length)) continue;
                var all = true;
                for (var k = 0; k < phrase.Length && all; k++) all = tokens[i + k] == phrase[k];
                if (all) best = p;
            }
            if (best < 0)
            {
                i++;
                continue;
            }
            // A yes or no buried in a long message ("... it was ok ...") is not an answer to the question.
            if (i > 3 && tokens.Count > 6)
            {
                i += ConfirmTokens[best].Length;
                continue;
            }
            switch (ConfirmPhrases[best].Yes)
            {
                case true: sawYes = true; break;
                case false: sawNo = true; break;
                default: return false;
            }
            i += ConfirmTokens[best].Length;
        }
        if (sawYes == sawNo) return false;
        yes = sawYes;
        return true;
    }

    /// <summary>Matches a choice (see <see cref="Match"/>); null when none, or when the answer names several.</summary>
    public static FoundChoice? MatchChoice(string? text, IReadOnlyList<Choice> choices) => Match(text, choices).Found;

    /// <summary>
    /// Matches an answer to one of <paramref name="choices"/>: its button value, title or synonym (ignoring case,
    /// punctuation and apostrophes); its number or ordinal ("2", "the second one"); an option named inside a
    /// sentence ("Better, she talked to me"); yes/no words for yes/no-like options; or every word typed belonging to
    /// one option, with a typo allowed on longer words. An answer naming two options is ambiguous, not guessed.
    /// </summary>
    public static ChoiceMatch Match(string? text, IReadOnlyList<Choice> choices)
    {
        if (string.IsNullOrWhiteSpace(text) || choices.Count == 0) return ChoiceMatch.None;
        var tokens = Tokens(text);
        if (tokens.Count == 0) return ChoiceMatch.None;
        var joined = string.Join(' ', tokens);

        // 1. The option itself: its button value, title, value or a synonym.
        for (var i = 0; i < choices.Count; i++)
        {
            foreach (var candidate in Candidates(choices[i]))
                if (string.Join(' ', Tokens(candidate)) == joined) return Exact(choices, i);
        }

        // 2. Its number or ordinal, with polite words around it ("option 2", "the second one please").
        var core = tokens.Where(t => !Fillers.Contains(t)).ToList();
        if (core.Count == 1 && Index(core[0], choices.Count) is { } index) return Exact(choices, index);

        // 3. Options named inside the sentence: the longest non-overlapping mentions, negated ones ("not better") dropped.
        var named = NamedChoices(tokens, choices);
        if (named.Count == 1) return new ChoiceMatch(Found(choices, named[0]), false, []);
        if (named.Count > 1) return new ChoiceMatch(null, false, named);

        // 4. Yes or no, for options that stand for yes or no.
        if (TryConfirm(text, out var yes))
        {
            var polar = Enumerable.Range(0, choices.Count).Where(i => Polarity(choices[i]) == yes).ToList();
            if (polar.Count == 1) return new ChoiceMatch(Found(choices, polar[0]), false, []);
        }

        // 5. Every word typed belongs to exactly one option ("broke trust", "few days").
        var content = tokens.Where(t => !StopWords.Contains(t)).Take(8).ToArray();
        if (content.Length == 0 || tokens.Count > 12 || content.Any(Negations.Contains)) return ChoiceMatch.None;
        var owners = new List<int>();
        for (var i = 0; i < choices.Count; i++)
        {
            var words = Spoken(choices[i]).SelectMany(Tokens).ToArray();
            if (content.All(w => words.Any(c => SameWord(w, c)))) owners.Add(i);
        }
        return owners.Count switch
        {
            1 => new ChoiceMatch(Found(choices, owners[0]), false, []),
            > 1 => new ChoiceMatch(null, false, owners),
            _ => ChoiceMatch.None,
        };
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

    /// <summary>
    /// The message with polite extra words at either end removed ("menu please" → "menu", "can you show me my
    /// progress" → "my progress"), for matching commands. Words in the middle are kept.
    /// </summary>
    public static string WithoutPoliteEdges(string? text)
    {
        var tokens = Tokens(text);
        var start = 0;
        var end = tokens.Count;
        // Only whole leading/trailing phrases go, so "stop lying to me" stays what it is.
        while (start < end && LeadingPolite.Contains(tokens[start])) start++;
        while (end > start && TrailingPolite.Contains(tokens[end - 1])) end--;
        return string.Join(' ', tokens.Skip(start).Take(end - start));
    }

    private static readonly HashSet<string> LeadingPolite = new(StringComparer.Ordinal)
    {
        "please", "pls", "plz", "can", "could", "would", "you", "i", "id", "like", "want", "to", "lets", "let", "me", "show", "take", "go", "open",
        "see", "ok", "okay", "so", "um", "uh", "hey", "hi", "trustbot", "just", "back", "now", "the", "need", "wanna", "gimme", "give",
    };

    private static readonly HashSet<string> TrailingPolite = new(StringComparer.Ordinal)
    {
        "please", "pls", "plz", "thanks", "thank", "you", "now", "again", "for", "me", "thx", "ty",
    };

    /// <summary>Reads a time of day: "7pm", "7 pm", "19:00", "7:30am", "19h", "seven pm", "8 in the evening", "noon", "morning".</summary>
    public static bool TryTimeOfDay(string? text, out TimeOnly time)
    {
        time = default;
        var t = Normalize(text);
        if (t.Length == 0) return false;
        t = TimeFillers().Replace(t, " ").Trim();
        t = Spaces().Replace(t, " ");
        switch (t)
        {
            case "morning" or "in the morning" or "mornings" or "the morning": time = new TimeOnly(9, 0); return true;
            case "noon" or "midday" or "lunchtime" or "lunch" or "lunch time": time = new TimeOnly(12, 0); return true;
            case "afternoon" or "in the afternoon" or "afternoons": time = new TimeOnly(15, 0); return true;
            case "evening" or "in the evening" or "evenings" or "after work" or "after dinner" or "the evening": time = new TimeOnly(19, 0); return true;
            case "night" or "at night" or "tonight" or "before bed" or "bedtime": time = new TimeOnly(21, 0); return true;
            case "midnight": time = new TimeOnly(0, 0); return true;
        }
        // "seven pm", "half past seven": number words become digits first.
        var words = t.Split(' ');
        for (var i = 0; i < words.Length; i++)
            if (NumberWords.TryGetValue(words[i], out var n)) words[i] = n.ToString(CultureInfo.InvariantCulture);
        t = string.Join(' ', words);
        string? half = null;
        var dayPart = DayPart().Match(t);
        if (dayPart.Success)
        {
            half = dayPart.Groups["part"].Value is "morning" ? "am" : "pm";
            t = t[..dayPart.Index].Trim();
        }
        var m = TimePattern().Match(t);
        if (!m.Success) return false;
        if (!int.TryParse(m.Groups["h"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var hour)) return false;
        var minute = 0;
        if (m.Groups["m"].Success && !int.TryParse(m.Groups["m"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out minute)) return false;
        var ampm = m.Groups["ampm"].Success && m.Groups["ampm"].Value.Length > 0 ? m.Groups["ampm"].Value : half ?? "";
        if (minute > 59) return false;
        if (ampm.Length > 0)
        {
            if (hour is < 1 or > 12) return false;
            if (ampm.StartsWith('p') && hour != 12) hour += 12;
            if (ampm.StartsWith('a') && hour == 12) hour = 0;
        }
        else if (!m.Groups["m"].Success && !m.Groups["hsuffix"].Success)
        {
            // A bare "7" could be morning or evening; the prompt asks again rather than guess.
            return false;
        }
        if (hour is < 0 or > 23) return false;
        time = new TimeOnly(hour, minute);
        return true;
    }

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

    private static IEnumerable<string> Candidates(Choice choice)
    {
        yield return choice.Value;
        if (choice.Title is { } title) yield return title;
        if (!string.IsNullOrWhiteSpace(choice.Id)) yield return choice.Id;
        foreach (var s in choice.Synonyms ?? []) yield return s;
    }

    /// <summary>What people say for an option: its title and synonyms (its value only when it has no title; values are for buttons).</summary>
    private static IEnumerable<string> Spoken(Choice choice)
    {
        yield return choice.Title ?? choice.Value;
        foreach (var s in choice.Synonyms ?? []) yield return s;
    }

    /// <summary>The options mentioned in the sentence, after dropping negated mentions and mentions inside longer ones.</summary>
    private static List<int> NamedChoices(IReadOnlyList<string> tokens, IReadOnlyList<Choice> choices)
    {
        var hits = new List<(int Choice, int Start, int End, int Length)>();
        for (var i = 0; i < choices.Count; i++)
        {
            foreach (var candidate in Spoken(choices[i]))
            {
                var words = Tokens(candidate);
                if (words.Count == 0) continue;
                // Single letters, bare numbers and small words ("y", "2", "me") only count as the whole answer (step 1 and 2 above).
                if (words.Count == 1 && (words[0].Length < 2 || words[0].All(char.IsDigit) || StopWords.Contains(words[0]))) continue;
                var negatedCandidate = words.Any(Negations.Contains);
                FindMentions(tokens, words, (start, end) =>
                {
                    if (!negatedCandidate && IsNegated(tokens, start)) return;
                    hits.Add((i, start, end, end - start + 1));
                });
                // The same option by its meaningful words only: "we are both working on it" → "both working".
                var content = words.Where(w => !StopWords.Contains(w)).ToList();
                if (content.Count > 1 && content.Count < words.Count)
                {
                    FindMentions(tokens, content, (start, end) =>
                    {
                        if (!negatedCandidate && IsNegated(tokens, start)) return;
                        hits.Add((i, start, end, content.Count));
                    });
                }
            }
        }
        if (hits.Count == 0) return [];
        var kept = new List<(int Choice, int Start, int End, int Length)>();
        foreach (var hit in hits.OrderByDescending(h => h.Length).ThenBy(h => h.Start))
            if (!kept.Any(k => hit.Start <= k.End && k.Start <= hit.End)) kept.Add(hit);
        return kept.Select(k => k.Choice).Distinct().Order().ToList();
    }

    /// <summary>Calls <paramref name="found"/> for every place the words appear in order, allowing stopwords between content words.</summary>
    private static void FindMentions(IReadOnlyList<string> tokens, IReadOnlyList<string> words, Action<int, int> found)
    {
        for (var start = 0; start + words.Count <= tokens.Count; start++)
        {
            if (!SameWord(tokens[start], words[0])) continue;
            var at = start;
            var ok = true;
            for (var k = 1; k < words.Count && ok; k++)
            {
                var next = at + 1;
                // A content-only phrase may skip small words the person put in between ("broke the trust" ~ "broke trust").
                while (next < tokens.Count && !SameWord(tokens[next], words[k]) && StopWords.Contains(tokens[next]) && next - at <= 2) next++;
                ok = next < tokens.Count && SameWord(tokens[next], words[k]);
                at = next;
            }
            if (ok) found(start, at);
        }
    }

    private static bool IsNegated(IReadOnlyList<string> tokens, int start)
    {
        for (var i = start - 1; i >= 0 && i >= start - 3; i--)
        {
            if (Negations.Contains(tokens[i])) return true;
            if (!Softeners.Contains(tokens[i])) return false;
        }
        return false;
    }

    /// <summary>True when the option stands for yes, false for no, null when it is neither (or both).</summary>
    private static bool? Polarity(Choice choice)
    {
        bool y = false, n = false;
        foreach (var candidate in Candidates(choice))
        {
            var words = Tokens(candidate);
            if (words.Count == 0) continue;
            var joined = string.Join(' ', words);
            if (words[0] is "yes" or "yeah" or "ok" or "sure" || joined is "i do" or "i am" or "we are") y = true;
            if (words[0] is "no" or "nope" || joined is "not now" or "not yet" or "not really" or "later" or "never") n = true;
        }
        return y == n ? null : y;
    }

    private static int? Index(string token, int count)
    {
        int n;
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out n) && token.Length <= 3) { }
        else if (NumberWords.TryGetValue(token, out n)) { }
        else if (Ordinals.TryGetValue(token, out n)) { if (n == -1) n = count; }
        else return null;
        return n >= 1 && n <= count ? n - 1 : null;
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

    private static ChoiceMatch Exact(IReadOnlyList<Choice> choices, int i) => new(Found(choices, i), true, []);

    private static FoundChoice Found(IReadOnlyList<Choice> choices, int i) => new(choices[i].Value, i);

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

    [GeneratedRegex(@"(?<![\w.])(?<n>-?[0-9]+(?:[.,][0-9]+)?)(?![\w])")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^(?<h>[0-9]{1,2})(?:(?:[:.h](?<m>[0-9]{2}))|(?<hsuffix>h))?\s*(?<ampm>a\.?m\.?|p\.?m\.?)?$")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"\b(?:at|around|about|by|maybe|say|please|pls|ish|o'?clock|every day|each day|daily|would be good|works|is good|is fine|is best|sounds good)\b|-?ish\b|[,!?]")]
    private static partial Regex TimeFillers();

    [GeneratedRegex(@"\s*(?:in the |at |this )?(?<part>morning|evening|night|afternoon|tonight)$")]
    private static partial Regex DayPart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
