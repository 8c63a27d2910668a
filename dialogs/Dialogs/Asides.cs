namespace TrustBot.Dialogs;

/// <summary>Things people say that are not an answer to the open question.</summary>
public enum Aside
{
    /// <summary>Not an aside.</summary>
    None,

    /// <summary>"thank you so much, this helped".</summary>
    Thanks,

    /// <summary>"hi", "hello again".</summary>
    Greeting,

    /// <summary>"what can you do", "how does this work".</summary>
    Capabilities,

    /// <summary>"is this confidential? does my partner see this?", "who sees this".</summary>
    Privacy,

    /// <summary>"I'm not sure", "idk".</summary>
    NotSure,

    /// <summary>"I already did this".</summary>
    AlreadyDone,

    /// <summary>"what did I write last time?".</summary>
    WhatDidIWrite,
}

/// <summary>What the prompt knows when it asks the aside handler.</summary>
/// <param name="Input">The person's message.</param>
/// <param name="Aside">The aside it was recognised as.</param>
/// <param name="BeforeAnswer">True when asked before the answer was tried (a question or a greeting instead of an answer).</param>
public sealed record AsideContext(string Input, Aside Aside, bool BeforeAnswer);

/// <summary>
/// Answers asides (thanks, greetings, privacy questions, "I'm not sure"...) while a question is open; the prompt
/// then asks its question again. Registered in the turn's services by the bot; prompts work without one.
/// </summary>
internal interface IAsideHandler
{
    /// <summary>Replies to the aside; false when this one is left to the prompt.</summary>
    Task<bool> AnswerAsync(DialogContext dc, AsideContext aside, CancellationToken cancellationToken);
}

/// <summary>Recognises asides: short, table-driven, safe on any input.</summary>
internal static class Asides
{
    private static readonly string[] ThanksPhrases = ["thanks", "thank you", "thank u", "thx", "ty", "cheers", "appreciate it", "i appreciate", "much appreciated", "that helped", "this helped", "that helps", "this helps", "helped a lot"];
    private static readonly string[] GreetingPhrases = ["hi", "hello", "hey", "hiya", "heya", "yo", "howdy", "hi there", "hello there", "hey there", "good morning", "good afternoon", "good evening", "morning", "evening", "hello again", "hi again", "hey again", "hi trustbot", "hello trustbot", "hey trustbot"];
    private static readonly string[] CapabilityPhrases = ["what can you do", "what do you do", "how does this work", "how does it work", "what is this", "who are you", "what are you", "how do i use this", "how do i use you", "what can i do", "what are my options", "how can you help", "what can you help with", "what is trustbot", "what are you for"];
    private static readonly string[] PrivacyWords = ["confidential", "private", "privacy", "anonymous", "who sees", "who can see", "who will see", "who reads", "who can read", "partner see", "partner read", "they see", "he see", "she see", "see this", "see what i", "read this", "read what i", "stored", "store my", "keep my", "my data", "shared", "share this", "share my", "secure", "safe to write", "is this safe", "can anyone"];
    private static readonly string[] NotSurePhrases = ["not sure", "im not sure", "i am not sure", "unsure", "idk", "i dont know", "dont know", "dunno", "no idea", "hard to say", "i cant decide", "cant decide", "i have no idea", "not certain", "i dont know yet"];
    private static readonly string[] AlreadyDonePhrases = ["already did", "already done", "did this already", "did that already", "done this already", "done this before", "did this before", "already answered", "already told you", "i did this", "we did this"];
    private static readonly string[] WrotePhrases = ["what did i write", "what i wrote", "what did i say", "what i said", "my last answer", "my earlier answer", "what did i put", "show me what i wrote", "see what i wrote", "my journal", "what i wrote last time"];

    // The phrases with a space either side, built once: recognising runs on every answer to a prompt.
    private static readonly string[] ThanksPadded = Pad(ThanksPhrases);
    private static readonly string[] CapabilityPadded = Pad(CapabilityPhrases);
    private static readonly string[] PrivacyPadded = Pad(PrivacyWords);
    private static readonly string[] NotSurePadded = Pad(NotSurePhrases);
    private static readonly string[] AlreadyDonePadded = Pad(AlreadyDonePhrases);
    private static readonly string[] WrotePadded = Pad(WrotePhrases);

    private static readonly HashSet<string> QuestionStarts = new(StringComparer.Ordinal) { "is", "does", "do", "can", "will", "who", "what", "where", "how", "are", "would", "could", "should", "am" };

    /// <summary>The aside the message is, or <see cref="Aside.None"/>.</summary>
    public static Aside Recognize(string? text)
    {
        var tokens = Recognizers.Tokens(text);
        if (tokens.Count == 0) return Aside.None;
        var joined = " " + string.Join(' ', tokens) + " ";
        var question = text!.Contains('?') || QuestionStarts.Contains(tokens[0]);

        if (Has(joined, WrotePadded) && (question || tokens.Count <= 8)) return Aside.WhatDidIWrite;
        if (Has(joined, PrivacyPadded) && (question || tokens.Count <= 6)) return Aside.Privacy;
        if (Has(joined, CapabilityPadded) && tokens.Count <= 10) return Aside.Capabilities;
        if (Has(joined, AlreadyDonePadded) && tokens.Count <= 10) return Aside.AlreadyDone;
        if (Has(joined, NotSurePadded) && tokens.Count <= 8) return Aside.NotSure;
        if (Has(joined, ThanksPadded) && tokens.Count <= 16 && !question) return Aside.Thanks;
        if (IsOnly(tokens, GreetingPhrases)) return Aside.Greeting;
        return Aside.None;
    }

    /// <summary>
    /// True when the message is nothing but the aside (plus polite words): safe to treat as an aside even where any
    /// text is a valid answer, such as a journal prompt ("thanks" is never a journal entry; "thanks for listening, I..." may be).
    /// </summary>
    public static bool IsWholeMessage(string? text, Aside aside)
    {
        var tokens = Recognizers.Tokens(text);
        return aside switch
        {
            Aside.Greeting => IsOnly(tokens, GreetingPhrases),
            Aside.Thanks => IsOnly(tokens, ThanksPhrases),
            Aside.AlreadyDone => tokens.Count <= 6,
            Aside.Capabilities => tokens.Count <= 8,
            Aside.Privacy => text!.Contains('?') || tokens.Count <= 6,
            Aside.WhatDidIWrite => text!.Contains('?') || tokens.Count <= 6,
            _ => false,
        };
    }

    private static bool Has(string joined, string[] padded)
    {
        foreach (var p in padded)
            if (joined.Contains(p, StringComparison.Ordinal)) return true;
        return false;
    }

    private static string[] Pad(string[] phrases) => Array.ConvertAll(phrases, p => " " + p + " ");

    private static bool IsOnly(IReadOnlyList<string> tokens, string[] phrases)
    {
        if (tokens.Count == 0 || tokens.Count > 6) return false;
        var joined = string.Join(' ', tokens.Where(t => !Padding.Contains(t)));
        return phrases.Contains(joined);
    }

    private static readonly HashSet<string> Padding = new(StringComparer.Ordinal) { "trustbot", "bot", "again", "there", "so", "much", "a", "lot", "very", "really", "for", "that", "this", "it", "all", "everything" };
}
