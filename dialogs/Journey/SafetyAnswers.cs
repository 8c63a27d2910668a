using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using TrustBot.Dialogs;
using TrustBot.Safety;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>What a message in safety mode says about the person's safety.</summary>
internal enum SafetyAnswer
{
    /// <summary>Not an answer.</summary>
    None,

    /// <summary>"I'm safe", "yes im ok".</summary>
    Safe,

    /// <summary>"I'm not safe", "no".</summary>
    NotSafe,

    /// <summary>"I can't talk freely", "i cant call", "he's here".</summary>
    CantTalk,

    /// <summary>"Continue where I was".</summary>
    Continue,

    /// <summary>"I'd like to begin": asking for the program (before consent).</summary>
    Begin,

    /// <summary>"ok", "thanks": an acknowledgement, not an answer.</summary>
    Thanks,

    /// <summary>"help": the help lines again.</summary>
    Help,

    /// <summary>A bare "yes": "I'm safe" to the safety question, "go on" to the offer to continue.</summary>
    Yes,

    /// <summary>A bare "no": "I'm not safe" to the safety question, "not yet" to the offer to continue.</summary>
    No,
}

/// <summary>
/// Understands answers in safety mode: the buttons (their titles as channels send them today, and their short values),
/// a number when the channel showed a numbered list, and what people type ("yes im ok", "no", "he's here", "i cant talk").
/// </summary>
internal static partial class SafetyAnswers
{
    /// <summary>The short value of the "I'm safe" button.</summary>
    public const string SafeValue = "safety_safe";

    /// <summary>The short value of the "I'm not safe" button.</summary>
    public const string NotSafeValue = "safety_not_safe";

    /// <summary>The short value of the "I can't talk freely" button.</summary>
    public const string CantTalkValue = "safety_cant_talk";

    /// <summary>The short value of the "Continue where I was" button.</summary>
    public const string ContinueValue = "safety_continue";

    /// <summary>The three answers to the safety question.</summary>
    public static IReadOnlyList<Choice> SafetyChoices { get; } =
    [
        new() { Value = SafeValue, Title = "I'm safe" },
        new() { Value = NotSafeValue, Title = "I'm not safe" },
        new() { Value = CantTalkValue, Title = "I can't talk freely" },
    ];

    /// <summary>The answers offered to someone who said they are not safe.</summary>
    public static IReadOnlyList<Choice> NotSafeChoices { get; } =
    [
        new() { Value = CantTalkValue, Title = "I can't talk freely" },
        new() { Value = SafeValue, Title = "I'm safe now" },
    ];

    /// <summary>The one way back to the held flow.</summary>
    public static IReadOnlyList<Choice> ContinueChoices { get; } = [new() { Value = ContinueValue, Title = "Continue where I was" }];

    private static readonly Dictionary<string, SafetyAnswer> s_exact = new(StringComparer.Ordinal)
    {
        [SafeValue] = SafetyAnswer.Safe, ["i'm safe"] = SafetyAnswer.Safe, ["i'm safe now"] = SafetyAnswer.Safe,
        [NotSafeValue] = SafetyAnswer.NotSafe, ["i'm not safe"] = SafetyAnswer.NotSafe,
        [CantTalkValue] = SafetyAnswer.CantTalk, ["i can't talk freely"] = SafetyAnswer.CantTalk,
        [ContinueValue] = SafetyAnswer.Continue, ["continue where i was"] = SafetyAnswer.Continue,
    };

    /// <summary>Reads the message of <paramref name="activity"/>; <paramref name="offered"/> are the values last shown, for a number typed on a channel that lists them.</summary>
    public static SafetyAnswer Recognize(Activity activity, IReadOnlyList<string>? offered = null)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (ValueOf(activity.Value) is { } submitted && s_exact.TryGetValue(submitted, out var clicked)) return clicked;
        return Recognize(activity.Text, offered);
    }

    /// <summary>Reads a typed message (see <see cref="Recognize(Activity, IReadOnlyList{string})"/>).</summary>
    public static SafetyAnswer Recognize(string? text, IReadOnlyList<string>? offered = null)
    {
        var plain = Recognizers.Normalize(text);
        if (plain.Length == 0 || plain.Length > 300) return SafetyAnswer.None;
        if (s_exact.TryGetValue(plain, out var exact)) return exact;
        if (offered is { Count: > 0 } && int.TryParse(plain.TrimEnd('.', ')'), out var n) && n >= 1 && n <= offered.Count
            && s_exact.TryGetValue(offered[n - 1], out var numbered)) return numbered;

        // Contractions expanded and chat spellings mapped: "im ok" → "i am ok", "cant" → "can not", "hes" → "he is".
        var t = Punctuation().Replace(SafetyText.Normalize(plain.AsSpan()), " ").Trim();
        if (t.Length == 0) return SafetyAnswer.None;
        if (t is "yes" or "yeah" or "yea" or "yep" or "yup" or "ya" or "y" or "yes please" or "yes yes") return SafetyAnswer.Yes;
        if (t is "no" or "nope" or "nah" or "n" or "not now" or "not yet" or "no thanks" or "no thank you" or "later") return SafetyAnswer.No;
        if (CantTalk().IsMatch(t)) return SafetyAnswer.CantTalk;
        if (NotSafe().IsMatch(t)) return SafetyAnswer.NotSafe;
        if (Thanks().IsMatch(t)) return SafetyAnswer.Thanks;
        if (Safe().IsMatch(t)) return SafetyAnswer.Safe;
        if (Continue().IsMatch(t)) return SafetyAnswer.Continue;
        if (Begin().IsMatch(t)) return SafetyAnswer.Begin;
        return t is "help" or "help me" or "helplines" or "help lines" or "numbers" or "the numbers" ? SafetyAnswer.Help : SafetyAnswer.None;
    }

    // A card submit carries the value itself or an object holding it.
    private static string? ValueOf(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => Recognizers.Normalize(s),
        JsonObject o => o.Select(p => p.Value is JsonValue pv && pv.TryGetValue<string>(out var s) ? Recognizers.Normalize(s) : null)
            .FirstOrDefault(s => s is not null && s_exact.ContainsKey(s)),
        _ => null,
    };

    [GeneratedRegex(@" [.,] ?| [.,]$")]
    private static partial Regex Punctuation();

    private const RegexOptions Opts = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(
        @"\b(?:can not|could not|unable to|not able to|no way to|too scared to|afraid to) (?:really |freely |safely |properly |even )?(?:talk|speak|call|phone|ring|chat|say much|answer)\b"
        + @"|\b(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf|ex)|someone|somebody) (?:is|are) (?:right )?(?:here|home|back|in the (?:next |other |same )?room|next door|next to me|beside me|nearby|near me|near|around|listening|watching)\b"
        + @"|\b(?:he|she|they) (?:can|could|might|will|would) (?:hear|see|read|find)\b|\bnot alone\b|\bno privacy\b|\b(?:can )?only text\b|\btext only\b|\bhas my phone\b"
        + @"|^safety can not talk$",
        Opts)]
    private static partial Regex CantTalk();

    [GeneratedRegex(
        @"^(?:no i am not|i am not|not really|not at all|not right now|no not really|not sure|i do not know|i am not sure|idk)$"
        + @"|\b(?:not safe|unsafe|in danger|not ok|not okay|not fine|not alright|not all right|help me|please help|need help|scared|afraid|terrified|frightened)\b"
        + @"|^safety not safe$",
        Opts)]
    private static partial Regex NotSafe();

    [GeneratedRegex(
        @"^(?:ok|okay|k|kk|ok ok|alright|all right|thanks|thank you|thanks a lot|thank you so much|thx|ty|cheers|ok thanks|ok thank you|okay thanks|okay thank you|got it|understood|i see|noted|will do|sure|mm|hmm|oh|ok then)$",
        Opts)]
    private static partial Regex Thanks();

    [GeneratedRegex(
        @"^(?:(?:yes|yeah|yea|yep|yup|ya|y) )?(?:(?:i am|i feel|i think i am|we are|we are all|everyone is|i am actually|actually i am) )?(?:safe|ok|okay|fine|alright|all right|good|all good)"
        + @"(?: (?:now|for now|right now|at the moment|thanks|thank you|honestly|really|i promise|(?:he|she|they) (?:is|are) (?:out|gone|asleep)|(?:he|she|they) left))*$"
        + @"|^(?:yes|yeah|yep) (?:i am|we are)$|^safety safe$",
        Opts)]
    private static partial Regex Safe();

    [GeneratedRegex(
        @"^(?:(?:yes|ok|okay|yeah) ?)?(?:please )?(?:let us |lets )?(?:continue|carry on|go on|go back|back|resume|keep going|take me back|where was i|continue where i was|pick up where (?:i|we) left off)(?: please| where i was| where we were| now)?$|^safety continue$",
        Opts)]
    private static partial Regex Continue();

    [GeneratedRegex(
        @"^(?:(?:yes|ok|okay|yeah) ?)?(?:please )?(?:let us |lets )?(?:start|begin|get started|sign me up)(?: (?:it|the program|the programme|now|please))?$"
        + @"|\b(?:i would like|i want|i would love|i am ready|i would like|can i|could i|let me) (?:to )?(?:try|start|begin|do|give) (?:it|the program|the programme|this|the steps|it a try|the app)\b"
        + @"|^(?:try|start|begin) (?:the )?(?:program|programme|steps|journey)$",
        Opts)]
    private static partial Regex Begin();
}
