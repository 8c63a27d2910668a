namespace TrustBot.Journey;

/// <summary>The rules the schedule follows; the host sets quiet hours from configuration.</summary>
internal sealed record ReminderRules(QuietHours QuietHours)
{
    /// <summary>Quiet hours 22:00–08:00.</summary>
    public static ReminderRules Default { get; } = new(QuietHours.Default);

    /// <summary>Days without a word from the person before a nudge.</summary>
    public int QuietDaysBeforeNudge { get; init; } = 3;

    /// <summary>How long before a planned talk its reminder comes.</summary>
    public TimeSpan TalkLead { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often (at most) a past win is brought back, and how old it must be.</summary>
    public int WinRememberDays { get; init; } = 28;

    /// <summary>When no reminder time was chosen, encouragement comes at this local time.</summary>
    public TimeOnly DefaultTime { get; init; } = new(19, 0);

    /// <summary>A message found this late (the sender was down) is dropped and the next one scheduled.</summary>
    public TimeSpan Staleness { get; init; } = TimeSpan.FromHours(3);

    /// <summary>
    /// How long nothing is sent unprompted after a danger disclosure (<see cref="JourneyProfile.LastSafetyMessageAt"/>):
    /// a reminder popping up could be seen by the person the message was about. Zero turns the pause off.
    /// </summary>
    public TimeSpan SafetyPause { get; init; } = TimeSpan.FromHours(72);
}
