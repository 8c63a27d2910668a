using System.Buffers;
using System.Text;

namespace TrustBot.Safety;

/// <summary>
/// Turns a raw chat message into the canonical form the safety patterns are written against: lower case,
/// straight quotes, contractions expanded ("can't" → "can not", "he'll" → "he will"), common chat spellings
/// and misspellings mapped ("kms" → "kill myself", "unalive" → "kill", "wanna" → "want to"), letters stretched
/// for emphasis shortened ("sooo" → "soo"), every other symbol a space, sentence ends as " . " and pauses as " , ",
/// single spaces throughout.
/// </summary>
internal static class SafetyText
{
    [ThreadStatic] private static StringBuilder? s_builder;

    private static readonly Dictionary<string, string> s_tokens = new(StringComparer.Ordinal)
    {
        // Contractions typed without an apostrophe (or whose apostrophe was dropped by the first pass).
        ["cant"] = "can not", ["cannot"] = "can not", ["dont"] = "do not", ["doesnt"] = "does not",
        ["didnt"] = "did not", ["wont"] = "will not", ["wouldnt"] = "would not", ["shouldnt"] = "should not",
        ["couldnt"] = "could not", ["isnt"] = "is not", ["arent"] = "are not", ["wasnt"] = "was not",
        ["werent"] = "were not", ["hasnt"] = "has not", ["havent"] = "have not", ["hadnt"] = "had not",
        ["aint"] = "is not", ["mustnt"] = "must not", ["neednt"] = "need not",
        ["im"] = "i am", ["ive"] = "i have", ["id"] = "i would", ["youre"] = "you are", ["theyre"] = "they are",
        ["hes"] = "he is", ["shes"] = "she is", ["its"] = "it is", ["thats"] = "that is", ["whats"] = "what is",
        ["theres"] = "there is", ["hed"] = "he would", ["theyll"] = "they will", ["youll"] = "you will",
        ["theyd"] = "they would", ["youd"] = "you would", ["itll"] = "it will",
        // Chat spellings.
        ["wanna"] = "want to", ["gonna"] = "going to", ["gotta"] = "have to", ["hafta"] = "have to",
        ["tryna"] = "trying to", ["u"] = "you", ["ur"] = "your", ["ppl"] = "people", ["bc"] = "because",
        ["cuz"] = "because", ["coz"] = "because", ["cos"] = "because", ["bcuz"] = "because", ["becuz"] = "because",
        ["rn"] = "right now", ["w"] = "with", ["thru"] = "through", ["tho"] = "though", ["abt"] = "about",
        ["anymore"] = "any more", ["noone"] = "no one", ["nobody"] = "no one", ["nobodys"] = "no one is",
        ["noones"] = "no one is", ["hubby"] = "husband", ["wifey"] = "wife",
        ["exwife"] = "ex wife", ["exhusband"] = "ex husband", ["exboyfriend"] = "ex boyfriend",
        ["exgirlfriend"] = "ex girlfriend", ["expartner"] = "ex partner", ["fiancé"] = "fiance", ["fiancée"] = "fiancee",
        // Self-harm slang and the misspellings people make when typing fast or upset.
        ["kms"] = "kill myself", ["kys"] = "kill yourself", ["kil"] = "kill", ["kll"] = "kill", ["kiling"] = "killing",
        ["unalive"] = "kill", ["unaliving"] = "killing", ["unalived"] = "killed", ["unalives"] = "kills",
        ["sucide"] = "suicide", ["suicde"] = "suicide", ["suiside"] = "suicide", ["suicid"] = "suicide",
        ["sucidal"] = "suicidal", ["suicdal"] = "suicidal", ["suicidial"] = "suicidal", ["sucidial"] = "suicidal",
        ["suisidal"] = "suicidal", ["myslef"] = "myself", ["mysef"] = "myself", ["myelf"] = "myself",
        ["msyelf"] = "myself", ["mself"] = "myself", ["meself"] = "myself", ["myseld"] = "myself",
        ["urself"] = "yourself", ["yourslef"] = "yourself", ["selfharm"] = "self harm",
        ["selfharming"] = "self harming", ["selfharmed"] = "self harmed",
    };

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_lookup =
        s_tokens.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The canonical form of <paramref name="input"/> (see the type's summary).</summary>
    public static string Normalize(ReadOnlySpan<char> input)
    {
        if (input.IsEmpty)
        {
            return string.Empty;
        }

        // "." becomes " . " and "'ll" becomes " will": three times the input is always enough room.
        var buffer = ArrayPool<char>.Shared.Rent(checked(input.Length * 3 + 8));
        try
        {
            var length = FirstPass(input, buffer);
            return SecondPass(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static int FirstPass(ReadOnlySpan<char> input, char[] output)
    {
        var w = 0;
        for (var i = 0; i < input.Length; i++)
        {
            var c = input[i];
            if (char.IsLetterOrDigit(c))
            {
                var lower = char.ToLowerInvariant(c);
                // Emphasis ("sooo", "killl") carries no meaning for us; keep at most two of a letter in a row.
                if (w >= 2 && output[w - 1] == lower && output[w - 2] == lower && char.IsLetter(lower))
                {
                    continue;
                }

                output[w++] = lower;
                continue;
            }

            if (IsApostrophe(c))
            {
                w = Contraction(input, ref i, output, w);
                continue;
            }

            if (c == '-' && w > 0 && char.IsLetter(output[w - 1]) && i + 1 < input.Length && char.IsLetter(input[i + 1]))
            {
                continue; // "self-harm", "un-alive": one word.
            }

            // A laughing face marks a message as a joke as plainly as "lol" does, and is read as that word.
            if (char.IsHighSurrogate(c) && i + 1 < input.Length && char.IsLowSurrogate(input[i + 1])
                && IsLaughingFace(char.ConvertToUtf32(c, input[i + 1])))
            {
                w = Space(output, w);
                "lol ".CopyTo(output.AsSpan(w));
                w += 4;
                i++;
                continue;
            }

            switch (c)
            {
                case '.' or '!' or '?' or ';' or '\n' or '\r' or '…':
                    w = Boundary(output, w, '.');
                    break;
                case ',' or ':':
                    w = Boundary(output, w, ',');
                    break;
                case '&':
                    w = Space(output, w);
                    "and".CopyTo(output.AsSpan(w));
                    w += 3;
                    w = Space(output, w);
                    break;
                default:
                    w = Space(output, w);
                    break;
            }
        }

        while (w > 0 && output[w - 1] == ' ')
        {
            w--;
        }

        return w;
    }

    // Tears of joy, rolling on the floor, grinning squint, cat with tears of joy, winking and squinting tongue. Not the
    // sweat smile (😅): people use it for nervous laughter, which may be hiding fear.
    private static bool IsLaughingFace(int codePoint) => codePoint is 0x1F602 or 0x1F923 or 0x1F606 or 0x1F639 or 0x1F61C or 0x1F61D;

    private static bool IsApostrophe(char c) => c is '\'' or '’' or '‘' or '`' or '´' or 'ʼ' or '′';

    // Expands "'ll", "'re", "'ve", "'m", "'d" after a word into separate words; other apostrophes ("can't",
    // "he's", "kids'") simply join, and the token map handles the joined forms.
    private static int Contraction(ReadOnlySpan<char> input, ref int i, char[] output, int w)
    {
        if (w == 0 || !char.IsLetter(output[w - 1]))
        {
            return Space(output, w);
        }

        var start = i + 1;
        var end = start;
        while (end < input.Length && char.IsLetter(input[end]) && end - start < 3)
        {
            end++;
        }

        if (end < input.Length && char.IsLetter(input[end]))
        {
            return w; // a longer word follows ("o'clock"): just join.
        }

        var suffix = input[start..end];
        var expansion =
            suffix.Equals("ll", StringComparison.OrdinalIgnoreCase) ? " will" :
            suffix.Equals("re", StringComparison.OrdinalIgnoreCase) ? " are" :
            suffix.Equals("ve", StringComparison.OrdinalIgnoreCase) ? " have" :
            suffix.Equals("m", StringComparison.OrdinalIgnoreCase) ? " am" :
            suffix.Equals("d", StringComparison.OrdinalIgnoreCase) ? " would" :
            null;
        if (expansion is null)
        {
            return w;
        }

        expansion.CopyTo(output.AsSpan(w));
        i = end - 1;
        return w + expansion.Length;
    }

    private static int Space(char[] output, int w)
    {
        if (w > 0 && output[w - 1] != ' ')
        {
            output[w++] = ' ';
        }

        return w;
    }

    private static int Boundary(char[] output, int w, char mark)
    {
        // Several marks in a row ("?!", "...") are one boundary; a full stop outranks a comma.
        var end = w;
        while (end > 0 && output[end - 1] == ' ')
        {
            end--;
        }

        if (end > 0 && (output[end - 1] == '.' || output[end - 1] == ','))
        {
            if (mark == '.')
            {
                output[end - 1] = '.';
            }

            return w;
        }

        w = Space(output, w);
        output[w++] = mark;
        output[w++] = ' ';
        return w;
    }

    private static string SecondPass(ReadOnlySpan<char> text)
    {
        var sb = s_builder ??= new StringBuilder(256);
        sb.Clear();
        foreach (var range in text.Split(' '))
        {
            var token = text[range];
            if (token.IsEmpty)
            {
                continue;
            }

            // "my self" → "myself" (a common split when typing on a phone).
            if (token.SequenceEqual("self") && sb.Length >= 3 && EndsWithWord(sb, "my"))
            {
                sb.Append("self");
                continue;
            }

            var afterPossessive = EndsWithWord(sb, "my") || EndsWithWord(sb, "his") || EndsWithWord(sb, "her") || EndsWithWord(sb, "your") || EndsWithWord(sb, "the") || EndsWithWord(sb, "photo");
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            if (afterPossessive && token.SequenceEqual("id"))
            {
                sb.Append("id"); // "my ID", not "I'd"
            }
            else if (s_lookup.TryGetValue(token, out var replacement))
            {
                sb.Append(replacement);
            }
            else
            {
                sb.Append(token);
            }
        }

        var result = sb.ToString();
        if (sb.Capacity > 64 * 1024)
        {
            s_builder = null; // don't pin a huge buffer to the thread after one very long message.
        }

        return result;
    }

    private static bool EndsWithWord(StringBuilder sb, string word)
    {
        if (sb.Length < word.Length || (sb.Length > word.Length && sb[sb.Length - word.Length - 1] != ' '))
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            if (sb[sb.Length - word.Length + i] != word[i])
            {
                return false;
            }
        }

        return true;
    }
}
