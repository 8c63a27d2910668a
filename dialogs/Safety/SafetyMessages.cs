namespace TrustBot.Safety;

/// <summary>The words of the safety message and of the safety mode that follows it. Only words: no state, no I/O.</summary>
internal static class SafetyMessages
{
    /// <summary>The question the safety mode asks until the person answers it.</summary>
    public const string SafeQuestion = "Are you safe right now?";

    /// <summary>
    /// Composes the safety message: three short texts — a first line for the category and side that thanks the person
    /// for telling us, the crisis resources, and a last line saying these steps are not meant for relationships with
    /// abuse or danger, ending with <see cref="SafeQuestion"/> (the caller adds the answer buttons to it).
    /// </summary>
    /// <param name="category">What the detector found; must not be <see cref="SafetyCategory.None"/>.</param>
    /// <param name="side">Whose safety the message is about (see <see cref="SafetySides.Of"/>).</param>
    /// <param name="resources">The lines from <see cref="SafetyResources.For"/>; when empty the built-in fallback is used.</param>
    /// <param name="firstContact">True before the person has agreed to start the program: the last line then says
    /// honestly what the program is for.</param>
    public static IReadOnlyList<string> Compose(SafetyCategory category, SafetySide side, IReadOnlyList<string> resources, bool firstContact = false) =>
        [Opener(category, side), Resources(resources), (firstContact ? FirstContactNote : StepsAsideNote) + " " + SafeQuestion];

    /// <summary>The first line: thanks for telling, in words for the category and for whose safety is at stake.</summary>
    public static string Opener(SafetyCategory category, SafetySide side) => (category, side) switch
    {
        (SafetyCategory.None, _) => throw new ArgumentOutOfRangeException(nameof(category), category,
            "Compose a safety message only for a crisis category; check SafetyAssessment.IsCrisis first."),
        (SafetyCategory.SelfHarm, _) or (_, SafetySide.SelfHarm) =>
            "I'm really glad you told me. What you're carrying sounds so heavy, and you don't have to hold it alone: please reach out to someone who can be with you in this right now.",
        (_, SafetySide.MightHurtSomeone) =>
            "Thank you for being honest with me; saying this takes courage. If you have hurt someone or fear you might, please put some distance between you and them now, and talk to someone trained to help people in exactly this place.",
        (SafetyCategory.Violence, _) =>
            "Thank you for telling me; I know that isn't easy. Nobody deserves to be hurt or threatened, and what is being done to you is not your fault.",
        (SafetyCategory.FearForSafety, _) =>
            "I'm glad you told me. Being afraid of a partner, or feeling controlled by them, is serious, and your safety matters more than any step of this journey.",
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown safety category."),
    };

    /// <summary>The crisis lines as one message; the built-in fallback when none are usable.</summary>
    public static string Resources(IReadOnlyList<string> lines) => "You can reach someone now:\n" + Bullets(lines, SafetyResources.BuiltInFallback);

    /// <summary>The last line of the safety message once the person has started the program.</summary>
    public const string StepsAsideNote =
        "These trust-building steps aren't meant for relationships where there is abuse or danger, so I've set them aside for now.";

    /// <summary>The last line of the safety message before the person has started: what the program is and is not for.</summary>
    public const string FirstContactNote =
        "To be honest with you: this program is for couples rebuilding trust after things like lies or an affair. It isn't meant for relationships where there is abuse or danger, and it can't keep you safe, but the people above can.";

    /// <summary>The gentle check, shown when a message might signal danger but the detectors are not sure.</summary>
    public const string GentleCheck = "That sounds like a lot to carry. Before we go on, I'd like to check: are you safe right now?";

    /// <summary>Said when the person answers that they are safe, after the full safety message.</summary>
    public const string GladYouAreSafe = "I'm glad you're safe right now. The people I mentioned are there any time, day or night, whenever you need them.";

    /// <summary>Said when the person answers that they are safe after the gentle check.</summary>
    public const string ThanksForSayingSafe = "Thank you for telling me. If that ever changes, just say so and I'll share who you can reach straight away.";

    /// <summary>The offer to go back to the held flow, with one button.</summary>
    public const string OfferToContinue = "Whenever you're ready, we can go back to where you were.";

    /// <summary>Before the person has started the program: how to ask for it, without offering it.</summary>
    public const string HowToAskForTheProgram =
        "I'm here if you want to talk. If you decide you'd still like to look at the program, just tell me \"I'd like to begin\".";

    /// <summary>Said when the person answers that they are not safe, after the resources.</summary>
    public const string OfferQuietWays = "If you can't talk where you are, I can show you ways to text or chat instead. I'm staying right here.";

    /// <summary>The crisis lines again, for someone who is not safe.</summary>
    public static string ReachSomeoneNow(IReadOnlyList<string> lines) =>
        "Please reach out to someone now. If you're in immediate danger, call your local emergency number.\n" + Bullets(lines, SafetyResources.BuiltInFallback);

    /// <summary>Ways to reach someone without speaking.</summary>
    public static string QuietWays(IReadOnlyList<string> lines) =>
        "You can reach someone without speaking:\n" + Bullets(lines, SafetyResources.BuiltInQuietFallback);

    /// <summary>The note on leaving quickly and on the bot staying silent, for someone who can't talk freely.</summary>
    /// <param name="pause">How long reminders and encouragement pause.</param>
    public static string QuickExitNote(TimeSpan pause) =>
        "If someone might see your screen, you can close this chat at any moment; afterwards you can delete the conversation on your device, and typing \"delete my data\" erases everything I keep. "
        + (pause > TimeSpan.Zero ? $"I won't send you any messages on my own for the next {Describe(pause)}. " : "")
        + "Write whenever it's safe; I'll be here.";

    /// <summary>A short reply to "ok" or "thanks" while the safety question is open.</summary>
    public const string StillHere = "I'm here with you. When you can, tell me: are you safe right now?";

    /// <summary>A reply to anything that does not answer the safety question.</summary>
    public const string AskAgain = "Thank you for telling me. I'd rather not guess, so let me ask: are you safe right now?";

    /// <summary>A reply while the person cannot talk freely: nothing that asks for an answer.</summary>
    public const string HereWhenSafe = "I'm here. Whenever it's safe, or if you need the help lines again, just write.";

    /// <summary>A reply to "continue" before the person has said they are safe.</summary>
    public const string SafetyFirst = "Before we go back, I'd like to know you're okay. Are you safe right now?";

    /// <summary>Said as the held flow comes back.</summary>
    public const string BackToWhereYouWere = "Okay. Here's where we were.";

    /// <summary>
    /// The one message for a group chat: a caring line, the crisis lines and an invitation to a personal chat; nothing
    /// that refers to the person's journey.
    /// </summary>
    public static string GroupMessage(IReadOnlyList<string> lines) =>
        "Thank you for saying this; your safety matters more than anything here. " + Resources(lines)
        + "\nIf you'd like to talk it through privately, open a personal chat with me.";

    private static string Bullets(IReadOnlyList<string> lines, IReadOnlyList<string> fallback)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var usable = lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Trim()).ToList();
        if (usable.Count == 0) usable = [.. fallback];
        return string.Join("\n", usable.Select(l => "• " + l));
    }

    private static string Describe(TimeSpan pause)
    {
        var hours = (int)Math.Round(pause.TotalHours);
        if (hours % 24 == 0 && hours >= 48) return $"{hours / 24} days";
        return hours == 1 ? "hour" : hours == 24 ? "day" : $"{hours} hours";
    }
}
