using System.Text.RegularExpressions;

namespace TrustBot.Journey.Steps;

/// <summary>The parts of a sincere apology.</summary>
internal enum ApologyElement
{
    /// <summary>Says plainly what was done.</summary>
    NamesAction,

    /// <summary>Recognises the pain it caused.</summary>
    AcknowledgesHurt,

    /// <summary>Owns it, without excuses or shifting blame.</summary>
    TakesResponsibility,

    /// <summary>Says what will be different from now on.</summary>
    CommitsToChange,
}

/// <summary>A phrase that turns an apology into a non-apology or an excuse, and why.</summary>
/// <param name="Phrase">The words as found, lower-case.</param>
/// <param name="Why">A short, kind explanation.</param>
internal sealed record ApologyFlag(string Phrase, string Why);

/// <summary>What the checker found in a draft.</summary>
/// <param name="Present">The parts of a sincere apology the draft contains.</param>
/// <param name="Flags">Non-apologies and excuses found.</param>
internal sealed record ApologyCheck(IReadOnlyList<ApologyElement> Present, IReadOnlyList<ApologyFlag> Flags)
{
    /// <summary>The parts still missing, in the usual order.</summary>
    public IReadOnlyList<ApologyElement> Missing => ApologyChecker.Elements.Except(Present).ToList();

    /// <summary>All four parts and nothing flagged.</summary>
    public bool IsComplete => Missing.Count == 0 && Flags.Count == 0;
}

/// <summary>
/// Reads an apology draft for the four parts of a sincere apology and for phrases that undo one
/// ("sorry if", "sorry but", "I'm sorry you feel", "you made me"…). Pure, English-only heuristics:
/// it points the writer at what to look at, it does not grade them.
/// </summary>
internal static partial class ApologyChecker
{
    /// <summary>The four parts, in the order they are shown.</summary>
    public static readonly IReadOnlyList<ApologyElement> Elements =
        [ApologyElement.NamesAction, ApologyElement.AcknowledgesHurt, ApologyElement.TakesResponsibility, ApologyElement.CommitsToChange];

    private static readonly (Regex Pattern, string Why)[] NonApologies =
    [
        (SorryIf(), "\"sorry if\" makes the hurt sound uncertain, as if it might not have happened."),
        (SorryBut(), "a \"but\" after sorry tends to cancel out everything before it."),
        (SorryYouFeel(), "being sorry about how they feel puts the problem on their feelings rather than on what you did."),
        (YouMadeMe(), "this shifts the responsibility onto your partner."),
        (Minimising(), "this plays down what happened, which can feel like a second hurt."),
        (PassiveVoice(), "this leaves out who did it; saying \"I\" makes it an apology."),
        (Excuse(), "this sounds like an excuse, even if it is part of the story; keep the explanation for another conversation."),
        (CounterAccusation(), "this turns the apology back onto your partner; keep it about what you did, and save their part for another talk."),
    ];

    /// <summary>Flagged when a draft has no words of apology at all: without them it cannot be complete.</summary>
    public const string NoApologyPhrase = "no words of apology";

    /// <summary>Checks a draft.</summary>
    public static ApologyCheck Check(string? draft)
    {
        if (string.IsNullOrWhiteSpace(draft)) return new ApologyCheck([], []);
        var text = Normalize(draft);

        var flags = new List<ApologyFlag>();
        foreach (var (pattern, why) in NonApologies)
        {
            foreach (Match m in pattern.Matches(text))
            {
                var phrase = Spaces().Replace(m.Value.Trim(' ', ',', '.'), " ");
                if (flags.All(f => f.Phrase != phrase)) flags.Add(new ApologyFlag(phrase, why));
            }
        }

        var present = new List<ApologyElement>();
        if (NamesActionPattern().IsMatch(text)) present.Add(ApologyElement.NamesAction);
        if (HurtPattern().IsMatch(text)) present.Add(ApologyElement.AcknowledgesHurt);
        if (ResponsibilityPattern().IsMatch(text) && flags.Count == 0) present.Add(ApologyElement.TakesResponsibility);
        if (ChangePattern().IsMatch(text)) present.Add(ApologyElement.CommitsToChange);
        // Owning it and promising change are not yet an apology: the words themselves have to be there.
        if (!ApologyWords().IsMatch(text))
            flags.Add(new ApologyFlag(NoApologyPhrase, "there's no \"I'm sorry\" in it yet; saying it plainly is the heart of an apology."));
        return new ApologyCheck(present, flags);
    }

    /// <summary>How a part is named to the person.</summary>
    public static string Describe(ApologyElement element) => element switch
    {
        ApologyElement.NamesAction => "Names what you did",
        ApologyElement.AcknowledgesHurt => "Acknowledges the hurt it caused",
        ApologyElement.TakesResponsibility => "Takes responsibility, without excuses",
        _ => "Commits to change",
    };

    /// <summary>A nudge for a missing part.</summary>
    public static string Hint(ApologyElement element) => element switch
    {
        ApologyElement.NamesAction => "say plainly what you did, e.g. \"I'm sorry that I lied to you about…\"",
        ApologyElement.AcknowledgesHurt => "show you see what it did to them, e.g. \"I know this hurt you deeply\"",
        ApologyElement.TakesResponsibility => "own it with no \"but\", e.g. \"It was my choice and I was wrong\"",
        _ => "say what will be different, e.g. \"From now on I will…\"",
    };

    private static string Normalize(string text) =>
        Spaces().Replace(text.ToLowerInvariant().Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('`', '\''), " ");

    private const string Sorry = @"(?:sorry|apologi[sz]e)";

    [GeneratedRegex(Sorry + @",?\s+(?:that\s+)?if\b|\bif\s+(?:i\s+(?:have\s+|'ve\s+)?(?:hurt|upset|offended)|you\s+(?:were|felt|feel|got)\s+(?:hurt|upset|offended))", RegexOptions.CultureInvariant)]
    private static partial Regex SorryIf();

    [GeneratedRegex(Sorry + @"(?:\s+\w+){0,6}?\s*,?\s+but\b", RegexOptions.CultureInvariant)]
    private static partial Regex SorryBut();

    [GeneratedRegex(Sorry + @"\s+(?:that\s+)?you(?:'re|\s+are|\s+were|\s+got)?\s+(?:feel|felt|feeling|think|thought|see\s+it|took\s+it|upset|hurt|offended)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SorryYouFeel();

    [GeneratedRegex(@"\byou(?:'ve|\s+have)?\s+(?:made|make|forced|pushed|drove|drive)\s+me\b|\b(?:it\s+was|it's)\s+(?:partly\s+|also\s+)?your\s+fault\b|\bif\s+you\s+(?:had(?:n't|\s+not)?|hadn't|would\s+have|had\s+just)\b|\byou\s+(?:also|too)\s+(?:did|lied|hurt)\b", RegexOptions.CultureInvariant)]
    private static partial Regex YouMadeMe();

    [GeneratedRegex(@"\b(?:it\s+(?:was|wasn't|was\s+not)\s+(?:a\s+big\s+deal|that\s+bad|a\s+big\s+thing|serious)|(?:it's|it\s+is)\s+not\s+(?:a\s+big\s+deal|that\s+bad)|not\s+a\s+big\s+deal|you're\s+overreacting|you\s+are\s+overreacting|at\s+least\s+i|everyone\s+does\s+it|it\s+only\s+happened\s+once|it\s+meant\s+nothing)\b|(?<!\b(?:say|says|said|saying)\s+)\bit\s+was\s+(?:only|just)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Minimising();

    [GeneratedRegex(@"\bmistakes\s+were\s+made\b|\b(?:things|it)\s+(?:just\s+)?happened\b", RegexOptions.CultureInvariant)]
    private static partial Regex PassiveVoice();

    [GeneratedRegex(@"\bi\s+(?:only\s+)?did\s+it\s+because\b|\bi\s+was\s+(?:just\s+)?(?:drunk|stressed|lonely|tired|under\s+(?:a\s+lot\s+of\s+)?pressure)\b|\bi\s+couldn't\s+help\s+it\b|\bi\s+didn't\s+mean\s+(?:it|to)\b|\bi\s+(?:didn't|didnt|did\s+not)\s+want\s+to\s+(?:worry|upset|stress|bother|burden)\s+you\b", RegexOptions.CultureInvariant)]
    private static partial Regex Excuse();

    // "but you also…", "you also never…", "you have to admit", "you never…" (not "you never deserved this"), "we're even".
    [GeneratedRegex(@"\bbut\s+you\s+(?:also|too)\b|\byou\s+also\s+(?:never|always|did|do|don't|dont|didn't|didnt|lied|hurt)\b|\byou\s+(?:have|need|got)\s+to\s+admit\b"
        + @"|\byou(?:'re|re|\s+are)?\s+(?:never|always)\b(?!\s+deserved)|\b(?:we're|we\s+are|so\s+were|now\s+were)\s+(?:kind\s+of\s+|kinda\s+|sort\s+of\s+|pretty\s+much\s+|basically\s+)?even\b"
        + @"|\byou\s+(?:did|do)\s+(?:it|that|the\s+same)\s+too\b", RegexOptions.CultureInvariant)]
    private static partial Regex CounterAccusation();

    [GeneratedRegex(@"\b(?:sorry|apologi[sz]e|apologi[sz]ing|apology|forgive\s+me)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ApologyWords();

    // "sorry for/that/about <something>", or a first-person verb of what was done.
    [GeneratedRegex(Sorry + @"\s+(?:for|that|about)\s+(?!if\b|you\s+feel|you\s+felt)\w+"
        + @"|\bi\s+(?:have\s+|had\s+|'ve\s+)?(?:lied|cheated|hid|hidden|deceived|betrayed|broke|broken|kept|went\s+behind|didn't\s+tell|did\s+not\s+tell|was\s+dishonest|was\s+unfaithful|had\s+an\s+affair|slept\s+with|texted|messaged|ignored|yelled|shouted|spent|gambled|took|stole|concealed|misled|snooped|read\s+your)\b"
        + @"|\bwhat\s+i\s+did\b|\bi\s+was\s+wrong\s+to\s+\w+", RegexOptions.CultureInvariant)]
    private static partial Regex NamesActionPattern();

    [GeneratedRegex(@"\b(?:hurt|hurts|hurting|pain|painful|wounded|betrayed|betrayal|humiliat\w*|devastat\w*|heartbr\w*|broke\s+your\s+(?:heart|trust)|broken\s+your\s+(?:heart|trust)|upset\s+you|how\s+(?:much\s+)?(?:it|this|that)\s+(?:affected|hurt|has\s+affected)|scared\s+you|made\s+you\s+feel|lonely|anxious|distrust|damage[ds]?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HurtPattern();

    [GeneratedRegex(@"\b(?:i\s+take\s+(?:full\s+|complete\s+)?responsibility|i(?:'m|\s+am)\s+(?:fully\s+)?(?:responsible|accountable|to\s+blame)|(?:it\s+was|it's|it\s+is)\s+(?:all\s+)?(?:my\s+(?:fault|choice|doing|decision|responsibility|mistake))|that's\s+on\s+me|it's\s+on\s+me|it\s+is\s+on\s+me|i\s+was\s+wrong|i\s+own\s+(?:it|this|that|what\s+i\s+did)|i\s+chose\s+to|there\s+(?:is|was|'s)\s+no\s+excuse|no\s+excuses|i\s+have\s+no\s+excuse|you\s+did\s+nothing\s+to\s+deserve|not\s+your\s+fault)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ResponsibilityPattern();

    [GeneratedRegex(@"\b(?:i\s+will|i'll|i\s+won't|i\s+will\s+not|i'm\s+going\s+to|i\s+am\s+going\s+to|i\s+promise|i\s+commit|i'm\s+committed|i\s+am\s+committed|from\s+now\s+on|never\s+again|going\s+forward|i'm\s+working\s+on|i\s+am\s+working\s+on|i\s+want\s+to\s+earn|i'm\s+ready\s+to|i\s+am\s+ready\s+to)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ChangePattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
