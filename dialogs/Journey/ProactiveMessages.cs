using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>
/// The wording of messages the bot sends on its own: warm, one idea, a button or two to answer with.
/// During a space period the tone turns to self-care and nothing suggests talking with the partner.
/// </summary>
internal static class ProactiveMessages
{
    /// <summary>The button that opens a check-in (a global command).</summary>
    public const string CheckInButton = "Check in";

    /// <summary>The button that lets a reminder go by.</summary>
    public const string NotTodayButton = "Not today";

    /// <summary>The answer to "Not today" after a check-in reminder.</summary>
    public const string NotTodayReply = "That's okay. Rest is part of this too. I'll check in with you another day, and you can type \"check in\" whenever you like.";

    /// <summary>
    /// The message for a due <paramref name="message"/> on the journey of <paramref name="steps"/>. <paramref name="rememberedWin"/>
    /// is the text of an older win for <see cref="MilestoneKind.WinRemembered"/> (the person's own words, sent only to them).
    /// </summary>
    public static Activity Create(JourneySteps steps, JourneyProfile profile, DueMessage message, DateTimeOffset now, string? rememberedWin = null)
    {
        var space = profile.IsSpaceActive(now);
        var hi = string.IsNullOrEmpty(profile.Name) ? "Hi" : $"Hi {profile.Name}";
        return message.Kind switch
        {
            ProactiveKind.CheckInReminder => WithButtons(space
                ? $"{hi}. A gentle check-in, if you feel like it: how are you looking after yourself today?"
                : $"{hi}. It's time for your check-in, a few quick questions about how things feel today.",
                CheckInButton, NotTodayButton),
            ProactiveKind.TalkReminder => Activity.CreateMessage(RoleText.Pick(profile.Role,
                "Your planned talk is in about an hour. Take a breath: you can say what you need, and pause if it gets too much.",
                "Your planned talk is in about an hour. Listening fully, without defending, is the most useful thing you can bring.",
                "Your planned talk is in about an hour. Take turns, listen to understand, and take a break if either of you needs one.")),
            ProactiveKind.Nudge => Nudge(steps, profile, hi, space),
            ProactiveKind.Milestone => Milestone(steps, profile, message.Milestone, hi, rememberedWin),
            _ => throw new ArgumentOutOfRangeException(nameof(message), message.Kind, "Unknown proactive message kind."),
        };
    }

    private static Activity Nudge(JourneySteps steps, JourneyProfile profile, string hi, bool space)
    {
        if (space)
            return WithButtons($"{hi}. It's been a few quiet days, and that's okay. Taking space is part of the work: have you done something kind for yourself today?", CheckInButton);
        if (steps.NextStep(profile) is not { } step)
            return WithButtons($"{hi}. It's been a few quiet days. Trust keeps growing with small, steady choices: a quick check-in can help you see how far you've come.", CheckInButton);
        return WithButtons($"{hi}. It's been a few quiet days. Whenever you're ready, step {step}, \"{steps.Title(step)}\", is waiting for you, no rush.",
            "Continue my journey", CheckInButton);
    }

    private static Activity Milestone(JourneySteps steps, JourneyProfile profile, MilestoneKind kind, string hi, string? rememberedWin) => kind switch
    {
        MilestoneKind.StepDone when steps.AllDone(profile) => Activity.CreateMessage($"{hi}. You've worked through all {steps.CountInWords} steps. That took patience and courage. Keep checking in: trust is a choice you keep making."),
        MilestoneKind.StepDone => WithButtons($"{hi}. You've finished {Steps(profile.StepsDone.Count)} of the journey. Each one is real work, and it counts.", "My progress"),
        MilestoneKind.Streak => WithButtons($"{hi}. You've kept {ReminderSchedule.StreakToCelebrate(profile)} check-ins in a row. Showing up like this is exactly how trust grows again.", CheckInButton),
        MilestoneKind.WinRemembered when !string.IsNullOrWhiteSpace(rememberedWin) => WithButtons($"{hi}. A few weeks ago you noted a small win: \"{rememberedWin}\". It's worth remembering how far you've come.", "Wins"),
        _ => WithButtons($"{hi}. Looking back over the last weeks, you've kept going. That matters.", "My progress"),
    };

    private static string Steps(int count) => count == 1 ? "your first step" : $"{count} steps";

    private static Activity WithButtons(string text, params string[] buttons)
    {
        var activity = Activity.CreateMessage(text);
        activity.SuggestedActions = new SuggestedActions
        {
            Actions = [.. buttons.Select(b => new CardAction { Type = ActionTypes.ImBack, Title = b, Value = b })],
        };
        return activity;
    }
}
