using System.Globalization;

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

/// <summary>Answers to a list of options: the option itself, its number, a sentence naming it, yes/no, or its words.</summary>
internal static partial class Recognizers
{
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

        // 1. The option itself: its button value, title, value or a synonym (same words, so no joined copies are made).
        for (var i = 0; i < choices.Count; i++)
            if (IsOption(choices[i], tokens)) return Exact(choices, i);

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
        return ByOwnWords(tokens, choices);
    }

    /// <summary>The option (or options) every content word of a short answer belongs to, allowing a typo.</summary>
    private static ChoiceMatch ByOwnWords(IReadOnlyList<string> tokens, IReadOnlyList<Choice> choices)
    {
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

    private static bool SameWords(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
            if (!string.Equals(a[i], b[i], StringComparison.Ordinal)) return false;
        return true;
    }

    /// <summary>
    /// The answer's words are those of the option's value, title, id or a synonym (the texts of <see cref="Candidates"/>,
    /// in that order, looped over without an iterator: every answer to a question with options comes here).
    /// </summary>
    private static bool IsOption(Choice choice, IReadOnlyList<string> tokens)
    {
        if (SameWords(OptionTokens(choice.Value), tokens)) return true;
        if (choice.Title is { } title && SameWords(OptionTokens(title), tokens)) return true;
        if (!string.IsNullOrWhiteSpace(choice.Id) && SameWords(OptionTokens(choice.Id), tokens)) return true;
        if (choice.Synonyms is { } synonyms)
            foreach (var synonym in synonyms)
                if (SameWords(OptionTokens(synonym), tokens)) return true;
        return false;
    }

    /// <summary>
    /// The words of an option's text, memoised whatever its length (see <see cref="Tokens"/>): unlike a message, an
    /// option's texts live as long as its question (built once, or shared by the stored-options cache), so each is split
    /// once instead of on every answer.
    /// </summary>
    private static IReadOnlyList<string> OptionTokens(string text) =>
        string.IsNullOrWhiteSpace(text) ? [] : Memoised(text);

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
                var words = OptionTokens(candidate);
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
            var words = OptionTokens(candidate);
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

    private static ChoiceMatch Exact(IReadOnlyList<Choice> choices, int i) => new(Found(choices, i), true, []);

    private static FoundChoice Found(IReadOnlyList<Choice> choices, int i) => new(choices[i].Value, i);
}
