using TrustBot.Turns;
using TrustBot.Dialogs;

namespace TrustBot.Journey;

/// <summary>
/// Short, human answers to what people say that is not an answer to the open question: thanks, greetings,
/// "what can you do", privacy questions, "I'm not sure", "I already did this", "what did I write". The prompt
/// asks its question again right after.
/// </summary>
internal sealed class JourneyAsides : IAsideHandler
{
    /// <summary>The privacy answer before consent: true to README's Privacy section.</summary>
    public const string PrivacyBeforeConsent =
        "Good question. Until you say yes, I keep nothing but that answer. If you go ahead, what you write stays private to you: " +
        "I store it only to remember your progress, I never send it to anyone else (your partner included), I never show it in group chats, " +
        "and message text is never written to logs. Typing \"delete my data\" erases all of it at any time.";

    /// <summary>The privacy answer once the person has said yes.</summary>
    public const string PrivacyAfterConsent =
        "What you write here is private to you. I store it only to remember your progress; I never send it to anyone else (your partner included), " +
        "I never show it in group chats, and message text is never written to logs. \"export my data\" shows you everything I keep, and \"delete my data\" erases it.";

    /// <inheritdoc />
    public async Task<bool> AnswerAsync(DialogContext dc, AsideContext aside, CancellationToken cancellationToken)
    {
        var profile = dc.Context.Journey().Profile;
        var consented = profile.Consented == true;
        var reply = aside.Aside switch
        {
            Aside.Thanks => Words(aside.Input).Any(w => w.StartsWith("help", StringComparison.Ordinal))
                ? "You're very welcome. I'm really glad it helped."
                : "You're welcome.",
            Aside.Greeting => string.IsNullOrEmpty(profile.Name) ? "Hi! Good to hear from you." : $"Hi {profile.Name}! Good to hear from you.",
            Aside.Capabilities =>
                $"I walk with you through {dc.Context.Journey().Steps.CountInWords} steps for rebuilding trust, one short conversation at a time, with quick check-ins and gentle reminders. " +
                "I'm a coaching companion, not a therapist." + (consented ? " Type \"help\" any time to see everything you can ask for." : ""),
            Aside.Privacy => consented ? PrivacyAfterConsent : PrivacyBeforeConsent,
            Aside.NotSure => "That's okay, you don't need to be certain. Go with whatever feels closest right now.",
            Aside.AlreadyDone => consented
                ? "Thanks for telling me. If you've done this before, answering again simply updates it, or type \"menu\" to choose something else."
                : null,
            Aside.WhatDidIWrite => consented
                ? "Everything you've written is kept privately for you. Type \"export my data\" to get all of it as a file, or \"progress\" for an overview."
                : "Nothing is stored yet, so there's nothing to show.",
            _ => null,
        };
        if (reply is null) return false;
        await dc.Context.SendActivityAsync(reply, cancellationToken);
        return true;
    }

    private static IReadOnlyList<string> Words(string text) => Recognizers.Tokens(text);
}
