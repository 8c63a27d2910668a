using System.Text;
using System.Text.RegularExpressions;
using TrustBot.Dialogs;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>What kind of non-answer a message is.</summary>
internal enum NonAnswerKind
{
    /// <summary>A real answer: store it.</summary>
    None,

    /// <summary>"skip", "pass", "not now", "next".</summary>
    Skip,

    /// <summary>"none", "nothing", "n/a", "not really", "there arent any".</summary>
    Nothing,

    /// <summary>"idk", "not sure", "no idea".</summary>
    NotSure,

    /// <summary>"i already did this", "done this before".</summary>
    AlreadyDone,

    /// <summary>"what did I write last time?": a question about their own earlier writing.</summary>
    AskedForEarlier,

    /// <summary>Another short question back ("what counts as a win?").</summary>
    Question,
}

/// <summary>
/// Recognises answers that are not content ("none", "idk", "i already did this", a question back), so free-text
/// steps never store them as a win, a statement or a final draft. Table-driven and cheap: it runs on every
/// free-text answer. Apostrophes and punctuation are ignored because people type "dont" and "there arent any".
/// </summary>
internal static partial class NonAnswers
{
    private static readonly HashSet<string> SkipPhrases = new(StringComparer.Ordinal)
    {
        "skip", "skip it", "skip this", "skip for now", "pass", "not today", "not now", "not right now", "next", "later", "maybe later", "no thanks",
        "no thank you", "-",
    };

    private static readonly HashSet<string> NothingPhrases = new(StringComparer.Ordinal)
    {
        "none", "none yet", "none today", "none really", "nothing", "nothing yet", "nothing really", "nothing today", "nothing much",
        "not much", "no", "nope", "nah", "na", "n/a", "n a", "nil", "zero", "not really", "not yet", "no wins", "no win", "nothing to report",
        "theres nothing", "there is nothing", "there arent any", "there are not any", "there are none", "there isnt one", "there isnt any",
        "there wasnt one", "there wasnt any", "there werent any", "nothing comes to mind", "cant think of any", "cant think of anything",
        "i cant think of any", "i cant think of anything", "i cant think of one", "not that i can think of", "nothing happened", "no setbacks", "all good",
    };

    private static readonly HashSet<string> NotSurePhrases = new(StringComparer.Ordinal)
    {
        "idk", "i dont know", "dont know", "dunno", "i dunno", "no idea", "i have no idea", "not sure", "im not sure", "i am not sure",
        "unsure", "no clue", "hmm", "hm", "um", "umm", "uh", "?", "??", "???", "i dont know what to write", "i dont know what to say",
        "no comment", "whatever", "dont care", "i dont care",
    };

    private static readonly HashSet<string> AlreadyDonePhrases = new(StringComparer.Ordinal)
    {
        "i already did this", "already did this", "i already did", "already did", "already done", "i did this already", "did this already",
        "ive done this", "ive done this already", "i have done this", "i have done this already", "done this before", "i did it before",
        "i already wrote it", "i already wrote this", "i already wrote that", "i wrote it already", "i wrote this already", "i did that already",
        "already answered", "i already answered", "i already answered this", "same as before", "same as last time",
    };

    /// <summary>What kind of non-answer <paramref name="text"/> is, or <see cref="NonAnswerKind.None"/> for content.</summary>
    public static NonAnswerKind Classify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return NonAnswerKind.Nothing;
        var raw = text.Trim();
        if (raw.All(c => c is '?' or '.' or '!' or ' ')) return NonAnswerKind.NotSure;
        var t = Flatten(raw);
        if (t.Length == 0) return NonAnswerKind.Nothing;
        if (SkipPhrases.Contains(t)) return NonAnswerKind.Skip;
        if (NothingPhrases.Contains(t)) return NonAnswerKind.Nothing;
        if (NotSurePhrases.Contains(t)) return NonAnswerKind.NotSure;
        if (AlreadyDonePhrases.Contains(t)) return NonAnswerKind.AlreadyDone;
        if (EarlierQuestion().IsMatch(t)) return NonAnswerKind.AskedForEarlier;
        if (raw.EndsWith('?') && ShortQuestion().IsMatch(t) && t.Split(' ').Length <= 12) return NonAnswerKind.Question;
        return NonAnswerKind.None;
    }

    /// <summary>True when the text is something worth storing.</summary>
    public static bool IsContent(string? text) => Classify(text) == NonAnswerKind.None;

    /// <summary>
    /// True when the person passes on an optional question ("skip", "not now", "no", "idk"): the one skip recogniser of
    /// every flow, for questions whose real answers are not free text (a day and time, a choice).
    /// </summary>
    public static bool IsSkip(string? text) => Classify(text) is NonAnswerKind.Skip or NonAnswerKind.Nothing or NonAnswerKind.NotSure;

    /// <summary>A kind answer to a non-answer that is accepted as "nothing to store".</summary>
    public static string Reply(NonAnswerKind kind) => kind switch
    {
        NonAnswerKind.NotSure => "That's okay. Not being sure is an honest answer, and nothing is saved. You can come back to this any time.",
        NonAnswerKind.Skip => "No problem, let's leave that for now. Nothing is saved.",
        _ => "That's okay, nothing to note this time. I haven't saved anything.",
    };

    /// <summary>The answer to a question back that is not about earlier writing.</summary>
    public const string QuestionReply = "Good question. There's no right or wrong answer here: anything true for you counts, however small. You can also type skip.";

    /// <summary>
    /// A prompt validator for free-text questions: a question about earlier writing (or "i already did this") is answered
    /// with what the person wrote before and the question stays open; with <paramref name="answerQuestions"/>, other short
    /// questions get a short answer and the question stays open. Everything else goes through, and the step decides with
    /// <see cref="IsContent"/> whether to store it.
    /// </summary>
    public static PromptValidator<string> KeepQuestionOpen(Func<JourneySession, CancellationToken, Task<IReadOnlyList<string>>> earlier, bool answerQuestions = false) =>
        async (prompt, ct) =>
        {
            if (!prompt.Recognized.Succeeded) return false;
            switch (Classify(prompt.Recognized.Value))
            {
                case NonAnswerKind.AlreadyDone or NonAnswerKind.AskedForEarlier:
                    var before = await earlier(prompt.Context.Journey(), ct).ConfigureAwait(false);
                    await prompt.Context.SendActivityAsync(ShowEarlier(before, "You haven't written anything here yet, so this would be your first. You can also type skip."), ct).ConfigureAwait(false);
                    return false;
                case NonAnswerKind.Question when answerQuestions:
                    await prompt.Context.SendActivityAsync(QuestionReply, ct).ConfigureAwait(false);
                    return false;
                default:
                    return true;
            }
        };

    /// <summary>A choice prompt's validator that also accepts "skip" and "not sure": the prompt then ends with no answer, and nothing is chosen for the person.</summary>
    public static Task<bool> ChoiceOrSkipAsync(PromptValidatorContext<FoundChoice> prompt, CancellationToken ct) =>
        Task.FromResult(prompt.Recognized.Succeeded || Classify(PromptInput.Of(prompt.Context.Activity)) is NonAnswerKind.Skip or NonAnswerKind.NotSure);

    /// <summary>"Here's what you wrote before: …", or <paramref name="none"/> when there is nothing.</summary>
    public static string ShowEarlier(IReadOnlyList<string> earlier, string none)
    {
        if (earlier.Count == 0) return none;
        var text = new StringBuilder(earlier.Count == 1 ? "Here's what you wrote before:" : "Here's what you wrote before, newest first:");
        foreach (var item in earlier) text.Append("\n\n> ").Append(item.Replace("\n", "\n> ", StringComparison.Ordinal));
        text.Append("\n\nYou can keep it as it is (type skip) or write it again in today's words.");
        return text.ToString();
    }

    /// <summary>The newest apology drafts.</summary>
    public static async Task<IReadOnlyList<string>> ApologyDraftsAsync(JourneySession journey, CancellationToken ct) =>
        (await journey.Records.LatestAsync(RecordKinds.Apology, 2, JourneyJson.Default.ApologyDraft, ct).ConfigureAwait(false)).Select(d => d.Record.Text).ToList();

    /// <summary>The newest small wins.</summary>
    public static async Task<IReadOnlyList<string>> WinsAsync(JourneySession journey, CancellationToken ct) =>
        (await journey.Records.LatestAsync(RecordKinds.Win, 3, JourneyJson.Default.WinRecord, ct).ConfigureAwait(false)).Select(w => w.Record.Text).ToList();

    private static string Flatten(string text) =>
        Recognizers.Normalize(text.Replace("'", "", StringComparison.Ordinal).Replace("\u2019", "", StringComparison.Ordinal));

    [GeneratedRegex(@"\b(?:what|which)\s+(?:did|do|have)\s+i\s+(?:write|wrote|written|say|said|put|type|typed|answer|answered|pick|choose|chose)\b|\bshow\s+me\s+(?:what\s+i|my\s+(?:last|earlier|previous|old))|\bremind\s+me\s+(?:what\s+i|of\s+what\s+i)|\bwhat\s+(?:was|were|is)\s+my\s+(?:last|earlier|previous|old)?\s*(?:answer|draft|statement|entry|win|wins|apology)s?\b|\b(?:my|the)\s+(?:last|earlier|previous|old)\s+(?:answer|draft|statement|entry|apology)\b", RegexOptions.CultureInvariant)]
    private static partial Regex EarlierQuestion();

    [GeneratedRegex(@"^(?:what|why|how|who|when|where|which|can|could|do|does|should|is|are|will|would)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShortQuestion();
}
