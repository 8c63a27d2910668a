namespace TrustBot.Journey;

/// <summary>What kind of message the bot sends on its own.</summary>
internal enum ProactiveKind
{
    /// <summary>A check-in reminder at the person's rhythm and time.</summary>
    CheckInReminder,

    /// <summary>An hour before a planned talk.</summary>
    TalkReminder,

    /// <summary>A gentle nudge after a few quiet days, naming the current step.</summary>
    Nudge,

    /// <summary>A celebration: a streak of check-ins, a step done, a past win remembered.</summary>
    Milestone,
}
