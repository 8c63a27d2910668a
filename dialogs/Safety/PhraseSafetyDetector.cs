using System.Text.RegularExpressions;

namespace TrustBot.Safety;

/// <summary>
/// Recognises danger from phrases: the message is normalised (case, quotes, contractions, chat spellings and common
/// misspellings), then matched against source-generated patterns per category, most urgent category first.
/// </summary>
/// <remarks>
/// <para>Negation is handled per match: a phrase is ignored when a negation governs it within the same clause
/// ("I'm not going to hurt myself", "I would never kill myself", "he has never hit me"). Negations that are the
/// danger themselves ("I don't want to live any more", "I can't go on", "no reason to live", "I don't feel safe at
/// home") are patterns of their own and are never cancelled. "Trying not to hurt myself" is not a reassurance, and
/// for self-harm neither is "I don't want to hurt myself (again)": both say the thought is there.</para>
/// <para>Idioms: ordinary hurt and anger talk flows ("this is killing me", "he hurt my feelings", "we had a fight",
/// "I'm afraid he'll leave me", "the trust is dead", "she abused my trust"). A threat with a joke marker or a trivial
/// cause ("I could kill him for being late lol"), a question answered "no" and an event in a resolved past are
/// discounted: they are left to the meaning layer, which may ask gently but not show the full message.</para>
/// </remarks>
internal sealed class PhraseSafetyDetector : ISafetyDetector
{
    // Messages are analysed in windows so that memory stays bounded whatever the input; the overlap keeps a phrase
    // that straddles two windows whole.
    private const int Window = 16 * 1024;
    private const int Overlap = 256;
    private const int MaxClause = 120;

    private sealed record Rule(string Id, SafetyCategory Category, Regex Pattern, bool Negatable);

    private static readonly Rule[] s_rules =
    [
        new("self-harm.myself", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmMyself(), true),
        new("self-harm.suicide", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmSuicide(), true),
        new("self-harm.end-life", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmEndLife(), true),
        new("self-harm.want-to-die", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmWantToDie(), true),
        new("self-harm.cannot-go-on", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmCannotGoOn(), false),
        new("self-harm.no-reason", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmNoReason(), false),
        new("self-harm.better-off", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmBetterOffWithoutMe(), true),
        new("self-harm.methods", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmMethodsAndPlans(), true),
        new("self-harm.acts", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmActs(), true),
        new("self-harm.indirect", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmIndirect(), true),
        new("self-harm.disappear", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmDisappear(), true),
        new("self-harm.someone-close", SafetyCategory.SelfHarm, SafetyPatterns.SelfHarmSomeoneClose(), true),
        new("violence.strangle-injure", SafetyCategory.Violence, SafetyPatterns.ViolenceStrangleAndInjury(), true),
        new("violence.by-partner", SafetyCategory.Violence, SafetyPatterns.ViolenceByPartner(), true),
        new("violence.by-partner-object", SafetyCategory.Violence, SafetyPatterns.ViolenceByPartnerObject(), true),
        new("violence.by-me", SafetyCategory.Violence, SafetyPatterns.ViolenceByMe(), true),
        new("violence.intent", SafetyCategory.Violence, SafetyPatterns.ViolenceIntent(), true),
        new("violence.threat", SafetyCategory.Violence, SafetyPatterns.ViolenceThreat(), true),
        new("violence.weapon", SafetyCategory.Violence, SafetyPatterns.ViolenceWeapon(), true),
        new("violence.sexual", SafetyCategory.Violence, SafetyPatterns.ViolenceSexual(), true),
        new("violence.abuse", SafetyCategory.Violence, SafetyPatterns.ViolenceAbuse(), true),
        new("violence.physical", SafetyCategory.Violence, SafetyPatterns.ViolencePhysical(), true),
        new("fear.of-partner", SafetyCategory.FearForSafety, SafetyPatterns.FearOfPartner(), true),
        new("fear.at-home", SafetyCategory.FearForSafety, SafetyPatterns.FearAtHome(), true),
        new("fear.unsafe", SafetyCategory.FearForSafety, SafetyPatterns.FearUnsafe(), false),
        new("fear.control", SafetyCategory.FearForSafety, SafetyPatterns.FearControl(), true),
        new("fear.monitoring", SafetyCategory.FearForSafety, SafetyPatterns.FearMonitoring(), true),
        new("fear.isolation", SafetyCategory.FearForSafety, SafetyPatterns.FearIsolation(), true),
        new("fear.threats", SafetyCategory.FearForSafety, SafetyPatterns.FearThreats(), true),
        new("fear.leverage", SafetyCategory.FearForSafety, SafetyPatterns.FearLeverage(), true),
        new("fear.intimidation", SafetyCategory.FearForSafety, SafetyPatterns.FearIntimidation(), true),
        new("fear.veiled-threats", SafetyCategory.FearForSafety, SafetyPatterns.FearVeiledThreats(), true),
    ];

    private static readonly string[] s_clauseWords = [" but ", " and ", " though ", " although ", " because ", " so ", " yet ", " however "];

    private static readonly string[] s_effortWords = ["trying", "try", "tried", "tries", "struggling", "struggle", "hard", "hope", "hoping", "pray", "praying"];

    /// <summary>Assesses one message with the phrase rules.</summary>
    public SafetyAssessment Assess(string? text) => Assess(text, SafetyScrutiny.Normal);

    /// <inheritdoc />
    /// <remarks>The phrase rules are precise and have no threshold, so scrutiny does not change them.</remarks>
    public SafetyAssessment Assess(string? text, SafetyScrutiny scrutiny)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return SafetyAssessment.None;
        }

        var best = SafetyAssessment.None;
        for (var offset = 0; offset < text.Length; offset += Window - Overlap)
        {
            var window = text.AsSpan(offset, Math.Min(Window, text.Length - offset));
            var found = AssessNormalized(SafetyText.Normalize(window));
            if (found.IsCrisis && (!best.IsCrisis || found.Category < best.Category))
            {
                best = found;
                if (best.Category == SafetyCategory.SelfHarm)
                {
                    break;
                }
            }

            if (offset + Window >= text.Length)
            {
                break;
            }
        }

        return best;
    }

    /// <summary>Assesses text that is already in <see cref="SafetyText"/> canonical form.</summary>
    /// <remarks>A phrase found in a context that discounts it (a resolved past, a reported "no", a joke or a trivial
    /// cause for a threat) is not clear danger: the result then has the phrase's category, a rule name starting
    /// with <see cref="DiscountedPrefix"/> and <see cref="SafetyLevel.None"/>, so that the meaning layer judges the
    /// message but may not show the full message at once. With <paramref name="readContext"/> false (the meaning layer
    /// will not read this message) a message no phrase matched is not searched for a discounting context: the answer is
    /// then <see cref="SafetyAssessment.None"/> instead of a discounted "context" result, which is no danger either.</remarks>
    internal static SafetyAssessment AssessNormalized(string normalized, bool readContext = true)
    {
        var span = normalized.AsSpan();
        SafetyAssessment discounted = default;
        int contextChecked = 0; // 0 unknown, 1 no discount for the whole message, 2 discounted for the whole message
        foreach (var rule in s_rules)
        {
            foreach (var match in rule.Pattern.EnumerateMatches(span))
            {
                if (rule.Negatable && (IsNegated(span, match.Index, rule.Category) || IsInNegatedList(normalized, match.Index)))
                {
                    continue;
                }

                if (contextChecked == 0)
                {
                    contextChecked = IsDiscountedMessage(normalized) ? 2 : 1;
                }

                if (contextChecked == 2 || (IsThreatRule(rule) && IsFigureOfSpeech(normalized, match.Index + match.Length)))
                {
                    discounted = discounted.Rule is null ? new SafetyAssessment(rule.Category, DiscountedPrefix + rule.Id, SafetyLevel.None) : discounted;
                    continue;
                }

                return new SafetyAssessment(rule.Category, rule.Id);
            }
        }

        // No phrase matched, but the person places it in a resolved past, answered "no" or says plainly they are
        // not in danger: the meaning layer may still ask gently, but not show the full message at once.
        if (readContext && discounted.Rule is null && (SafetyPatterns.Reassurance().IsMatch(normalized) || (contextChecked == 0 && IsDiscountedMessage(normalized))))
        {
            return new SafetyAssessment(SafetyCategory.None, DiscountedPrefix + "context", SafetyLevel.None);
        }

        return discounted;
    }

    /// <summary>The start of the rule name of a phrase that matched in a discounting context.</summary>
    internal const string DiscountedPrefix = "discounted:";

    // Past events the person says are over, stories from a film, a book or the news, and questions answered "no"
    // are not danger now, unless something places it in the present ("tonight", "again").
    private static bool IsDiscountedMessage(string normalized) =>
        SafetyPatterns.ReportedDenial().IsMatch(normalized)
        || ((SafetyPatterns.ResolvedPast().IsMatch(normalized) || SafetyPatterns.MediaFrame().IsMatch(normalized))
            && !SafetyPatterns.PresentDanger().IsMatch(normalized));

    /// <summary>Whether the person marks the message as a joke or as someone else's words, and names no real cause
    /// (leaving, telling, the police), does not doubt the joke, and places nothing in the present.</summary>
    internal static bool IsToldLightly(string normalized) =>
        IsMarkedLight(normalized) && !IsMeant(normalized) && !SafetyPatterns.PresentDanger().IsMatch(normalized);

    // A joke marker ("lol", "we both cracked up") or someone else's words ("my sister says").
    private static bool IsMarkedLight(string normalized) =>
        SafetyPatterns.Jest().IsMatch(normalized) || SafetyPatterns.Hearsay().IsMatch(normalized);

    // A real cause named (leaving, telling, the police), or the person doubts the joke: a threat is meant.
    private static bool IsMeant(string normalized) =>
        SafetyPatterns.RealCause().IsMatch(normalized) || SafetyPatterns.JokeDoubted().IsMatch(normalized);

    private static bool IsThreatRule(Rule rule) =>
        rule.Id is "violence.intent" or "violence.threat" or "fear.intimidation" or "fear.threats" or "violence.by-me" or "fear.veiled-threats";

    // "my wife will murder me for eating the last slice lol": a joke marker, or a trivial cause right after the threat,
    // unless a real cause (leaving, telling, the police) is named as well.
    private static bool IsFigureOfSpeech(string normalized, int end)
    {
        if (IsMeant(normalized))
        {
            return false;
        }

        if (IsMarkedLight(normalized))
        {
            return true;
        }

        var tailEnd = normalized.IndexOf(" . ", end, StringComparison.Ordinal);
        var tail = normalized[end..(tailEnd < 0 ? normalized.Length : tailEnd)];
        return SafetyPatterns.TrivialCause().IsMatch(tail);
    }

    private static bool IsNegated(ReadOnlySpan<char> text, int index, SafetyCategory category)
    {
        var start = ClauseStart(text, index);
        var prefix = text[start..index];
        foreach (var negation in SafetyPatterns.NegationBefore().EnumerateMatches(prefix))
        {
            var cue = prefix[negation.Index..].TrimStart(' ');
            var before = prefix[..negation.Index].TrimEnd(' ');
            var lastSpace = before.LastIndexOf(' ');
            var wordBefore = lastSpace < 0 ? before : before[(lastSpace + 1)..];

            // "trying not to hurt myself", "I hope I never..." are efforts against an urge, not reassurance.
            foreach (var effort in s_effortWords)
            {
                if (wordBefore.SequenceEqual(effort))
                {
                    return false;
                }
            }

            // "I don't want to hurt myself (again)" says the thought is there.
            if (category == SafetyCategory.SelfHarm)
            {
                var rest = text[(start + negation.Index)..].TrimStart(' ');
                if (rest.StartsWith("not want") && !rest.StartsWith("not want to die") && !rest.StartsWith("not want to be dead") && (wordBefore.SequenceEqual("do") || wordBefore.SequenceEqual("does") || wordBefore.SequenceEqual("did")))
                {
                    return false;
                }
            }

            return !cue.IsEmpty;
        }

        return false;
    }

    // The match lies inside a negated list that ends in "or anything (like that)".
    private static bool IsInNegatedList(string normalized, int index)
    {
        foreach (var list in SafetyPatterns.NegatedList().EnumerateMatches(normalized))
        {
            if (list.Index < index && index < list.Index + list.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static int ClauseStart(ReadOnlySpan<char> text, int index)
    {
        var floor = Math.Max(0, index - MaxClause);
        var start = floor;
        var mark = text[floor..index].LastIndexOfAny('.', ',');
        if (mark >= 0)
        {
            start = floor + mark + 1;
        }

        var clause = text[start..index];
        var cut = 0;
        foreach (var word in s_clauseWords)
        {
            var at = clause.LastIndexOf(word);
            if (at >= 0 && at + word.Length - 1 > cut)
            {
                cut = at + word.Length - 1;
            }
        }

        return start + cut;
    }
}
