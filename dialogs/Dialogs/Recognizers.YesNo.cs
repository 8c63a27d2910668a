namespace TrustBot.Dialogs;

/// <summary>Yes and no, in the many ways people say them.</summary>
internal static partial class Recognizers
{
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
            var best = LongestConfirmPhraseAt(tokens, i);
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

    /// <summary>The index of the longest yes/no phrase starting at word <paramref name="at"/>, or -1: longest first, so
    /// "i dont think so" is not read as "think so".</summary>
    private static int LongestConfirmPhraseAt(IReadOnlyList<string> tokens, int at)
    {
        var best = -1;
        for (var p = 0; p < ConfirmTokens.Length; p++)
        {
            var phrase = ConfirmTokens[p];
            if (at + phrase.Length > tokens.Count || (best >= 0 && phrase.Length <= ConfirmTokens[best].Length)) continue;
            var all = true;
            for (var k = 0; k < phrase.Length && all; k++) all = tokens[at + k] == phrase[k];
            if (all) best = p;
        }

        return best;
    }
}
