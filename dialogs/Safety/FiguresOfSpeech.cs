using System.Text.RegularExpressions;

namespace TrustBot.Safety;

/// <summary>
/// Rewrites the everyday figures of speech built on death and killing into what they mean ("this waiting is killing me"
/// → "this waiting is so hard on me", "she is dead to me" → "she is nothing to me") before the meaning layer reads a
/// message. The model reads words: a sentence carrying "killing" or "dead" sits near real danger in its space whatever
/// the words mean together, and that is most of the gentle checks ordinary messages got. The phrase rules still read
/// the person's own words, and the rewrite keeps what a figure says about fear ("scared to death of him" → "very
/// scared of him").
/// </summary>
/// <remarks>
/// Only figures whose meaning does not depend on who says them are rewritten. Left as they are: "I'd rather die than…"
/// (sometimes a plain statement of intent), "dead inside" (numbness that may be more), "I could kill him" (the phrase
/// rules weigh those with the joke and the cause), and any figure a partner is reported to have said ("he said over my
/// dead body"), which may be a threat. The rewrite is its own fixed point, so applying it twice changes nothing.
/// </remarks>
internal static partial class FiguresOfSpeech
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // A person as the subject ("he is killing me") may be meant literally or as a threat: only things and situations.
    [GeneratedRegex(@"(?<!\b(?:he|she|they|you|partner|husband|wife|boyfriend|girlfriend) (?:is|are|was|were|will be|keeps|kept|has been|have been) (?:slowly |literally |honestly |actually )?)\bkilling me\b", Options)]
    private static partial Regex KillingMe();

    [GeneratedRegex(@"\bdead to me\b", Options)]
    private static partial Regex DeadToMe();

    [GeneratedRegex(@"(?<!\b(?:said|says|say|saying|told me|tells me|texted|text|screamed|shouted|yelled|replied|answered)\b[^.]{0,16})\bover my dead body\b", Options)]
    private static partial Regex OverMyDeadBody();

    [GeneratedRegex(@"\bdead on my feet\b", Options)]
    private static partial Regex DeadOnMyFeet();

    [GeneratedRegex(@"\bdying to (?=(?:tell|see|know|hear|meet|go|get|try|show|ask|find|share|talk|read|watch|have|eat|do|visit|give|hug|book|start)\b)", Options)]
    private static partial Regex DyingTo();

    [GeneratedRegex(@"\bdying for (?=(?:a|an|some|the|this|that|my|his|her|our)\b)", Options)]
    private static partial Regex DyingFor();

    [GeneratedRegex(@"\b(?:(?:am|is|are|was|were) )?(?:(?:nearly|almost|could have|could|would have|just about) )?(?:died|die|dying|dead) (?:laughing|of laughter)\b", Options)]
    private static partial Regex DiedLaughing();

    [GeneratedRegex(@"\b(?:(?:am|is|are|was|were) )?(?:(?:nearly|almost|could have|could|would have|just about) )?(?:died|die|dying) (?:of|from) (?:embarrassment|shame|cringe|boredom|curiosity)\b", Options)]
    private static partial Regex DiedOfFeeling();

    [GeneratedRegex(@"\b(?<feeling>bored|worried|scared|frightened|terrified|tickled|sick|tired|stressed|freezing) to death\b", Options)]
    private static partial Regex ToDeath();

    [GeneratedRegex(@"\b(?:(?:could|would) (?:murder|kill)(?: for)?|kill for) (?=(?:a|an|some)\b)", Options)]
    private static partial Regex CouldMurderA();

    [GeneratedRegex(@"\bkilling it\b", Options)]
    private static partial Regex KillingIt();

    [GeneratedRegex(@"\bto die for\b", Options)]
    private static partial Regex ToDieFor();

    [GeneratedRegex(@"\bdead (?<degree>tired|beat|serious|easy|right|set on|against|quiet|cute|funny|jealous|chuffed|proud)\b", Options)]
    private static partial Regex DeadAsVery();

    [GeneratedRegex(@"\bhave my (?:head|guts for garters|hide)(?: on a (?:plate|platter|stick|spike))?\b", Options)]
    private static partial Regex HaveMyHead();

    [GeneratedRegex(@"\b(?:want|wanted|wanting|wish|wished|wishing) the (?:ground|floor|earth) (?:to |would )?(?:open up and )?swallow me(?: up| whole)?\b", Options)]
    private static partial Regex GroundSwallowMe();

    [GeneratedRegex(@"\b(?<subject>(?:the|our|my|this) (?:trust|marriage|relationship|love|spark|romance|sex life|friendship|passion) (?:is|was|feels|felt|seems) (?:(?:completely|totally|basically|pretty much|kind of|just) )?)(?:dead|dying)\b", Options)]
    private static partial Regex RelationshipDead();

    [GeneratedRegex(@"\b(?:will|would|is going to|is gonna) be the death of me\b", Options)]
    private static partial Regex DeathOfMe();

    // Every figure names a death or killing word, so one cheap look at the text spares almost every message the rest.
    private static readonly string[] s_cues = ["kill", "dead", "dying", "die", "death", "murder", "head", "swallow"];

    /// <summary>The message with its figures of speech in plain words, for the meaning layer; canonical text in and out.</summary>
    public static string ToLiteral(string normalized)
    {
        if (!HasCue(normalized))
        {
            return normalized;
        }

        var text = KillingMe().Replace(normalized, "so hard on me");
        text = DeadToMe().Replace(text, "nothing to me");
        text = OverMyDeadBody().Replace(text, "absolutely not");
        text = DeadOnMyFeet().Replace(text, "exhausted");
        text = DyingTo().Replace(text, "eager to ");
        text = DyingFor().Replace(text, "longing for ");
        text = DiedLaughing().Replace(text, "laughed so much");
        text = DiedOfFeeling().Replace(text, "was so embarrassed");
        text = ToDeath().Replace(text, "very ${feeling}");
        text = CouldMurderA().Replace(text, "would love ");
        text = KillingIt().Replace(text, "doing great");
        text = ToDieFor().Replace(text, "wonderful");
        text = DeadAsVery().Replace(text, "very ${degree}");
        text = HaveMyHead().Replace(text, "be cross with me");
        text = GroundSwallowMe().Replace(text, "wanted to hide");
        text = RelationshipDead().Replace(text, "${subject}over");
        text = DeathOfMe().Replace(text, "will wear me out");
        return text;
    }

    private static bool HasCue(string normalized)
    {
        foreach (var cue in s_cues)
        {
            if (normalized.Contains(cue, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
