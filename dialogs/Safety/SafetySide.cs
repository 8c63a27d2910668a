using System.Text.RegularExpressions;

namespace TrustBot.Safety;

/// <summary>Whose safety a crisis message is about; decides the first words of the safety message.</summary>
public enum SafetySide
{
    /// <summary>The person is being hurt, threatened, controlled or is afraid of someone.</summary>
    BeingHurt = 0,

    /// <summary>The person has hurt someone, or is afraid they might.</summary>
    MightHurtSomeone = 1,

    /// <summary>Thoughts of self-harm or suicide (the person's own, or someone close to them).</summary>
    SelfHarm = 2,
}

/// <summary>
/// Tells a victim's message from a message by someone who has hurt, or fears they might hurt, another person. A
/// victim must never be answered as if they were the danger, so anything unclear is read as <see cref="SafetySide.BeingHurt"/>.
/// </summary>
internal static partial class SafetySides
{
    /// <summary>The side of an assessed message: from the deciding rule where it says, else from first-person phrasing.</summary>
    /// <param name="assessment">What the detectors found.</param>
    /// <param name="text">The message (read here, never kept).</param>
    public static SafetySide Of(SafetyAssessment assessment, string? text)
    {
        switch (assessment.Category)
        {
            case SafetyCategory.SelfHarm:
                return SafetySide.SelfHarm;
            case SafetyCategory.FearForSafety or SafetyCategory.None:
                return SafetySide.BeingHurt;
        }

        // The phrase rules that match the person's own acts or intent ("I hit her", "I could kill him").
        if (assessment.Rule is "violence.by-me" or "violence.intent") return SafetySide.MightHurtSomeone;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 4096) return SafetySide.BeingHurt;

        var normalized = SafetyText.Normalize(text.AsSpan());
        // "He hit me so I pushed him": someone is hurting the person, so they get the victim's message.
        if (HurtByOther().IsMatch(normalized)) return SafetySide.BeingHurt;
        return HurtByMe().IsMatch(normalized) ? SafetySide.MightHurtSomeone : SafetySide.BeingHurt;
    }

    private const string Acts =
        "(?:hit|hits|hurt|hurts|punch|punched|punches|slap|slapped|slaps|kick|kicked|kicks|shove|shoved|push|pushed|pushes|choke|choked|chokes|"
        + "strangle|strangled|beat|beats|smack|smacked|grab|grabbed|grabs|attack|attacked|attacks|threaten|threatened|threatens|kill|harm|harmed|stab|stabbed|shoot|shot)";

    private const string Others =
        "(?:him|her|them|someone|somebody|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf|fiance|fiancee|spouse|ex|kids?|children|son|daughter|baby))";

    [GeneratedRegex(@"\bi (?:[a-z]+ ){0,4}" + Acts + @"(?:ed)? " + Others + @"\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex HurtByMe();

    [GeneratedRegex(@"\b(?:he|she|they|partner|husband|wife|boyfriend|girlfriend|bf|gf|fiance|fiancee|spouse|ex)(?: [a-z]+){0,4} " + Acts + @"(?:ed)? (?:me|us)\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex HurtByOther();
}
