namespace TrustBot.Journey;

/// <summary>Which side of the broken trust the person is on; wording adapts to it.</summary>
internal enum PartnerRole
{
    /// <summary>Not chosen yet.</summary>
    Unknown,

    /// <summary>"I was hurt."</summary>
    Hurt,

    /// <summary>"I broke the trust."</summary>
    Repairing,

    /// <summary>"We're both working on it."</summary>
    Both,
}

/// <summary>What broke the trust; used only to tailor wording.</summary>
internal enum BreachKind
{
    Unknown,
    Infidelity,
    Dishonesty,
    Misunderstandings,
    Other,
}

/// <summary>How often the person wants check-in reminders.</summary>
internal enum CheckInRhythm
{
    None,
    Daily,
    EveryFewDays,
    Weekly,
}

/// <summary>
/// Everything the bot remembers about the person between conversations (user state). Private
/// writing is not here: it lives in journey records. Fields that are no longer kept (<c>lastWinAt</c>,
/// <c>weeklyCommitmentSetAt</c>) may still be in stored documents: reading ignores them, and the next save drops them.
/// </summary>
/// <remarks>Reused from turn to turn while the state cache holds the person (<see cref="State.IReusableState"/>): every property is saved with it.</remarks>
internal sealed class JourneyProfile : State.IReusableState
{
    /// <summary>Consent to begin; null until asked, false for "not now".</summary>
    public bool? Consented { get; set; }

    public DateTimeOffset? ConsentedAt { get; set; }

    public bool OnboardingDone { get; set; }

    public string? Name { get; set; }

    public PartnerRole Role { get; set; }

    public BreachKind Breach { get; set; }

    /// <summary>"Yes", "Not yet" or "I don't know".</summary>
    public string? PartnerInvolved { get; set; }

    public CheckInRhythm Rhythm { get; set; }

    public TimeOnly? ReminderTime { get; set; }

    /// <summary>IANA id or "UTC+hh:mm".</summary>
    public string? TimeZone { get; set; }

    /// <summary>Country code for crisis resources (from the channel's clientInfo or locale).</summary>
    public string? Country { get; set; }

    /// <summary>Steps marked done, by number (see <see cref="JourneySteps"/>).</summary>
    public List<int> StepsDone { get; set; } = [];

    public int CheckInCount { get; set; }

    public int Streak { get; set; }

    public DateTimeOffset? LastCheckInAt { get; set; }

    public int? LastTrust { get; set; }

    public int WinCount { get; set; }

    /// <summary>The latest small win (at most 200 characters), so encouragement can recall it without reading records.</summary>
    public string? LastWin { get; set; }

    public int BoundaryCount { get; set; }

    /// <summary>Step 5: while it lasts, nothing suggests talks with the partner.</summary>
    public DateTimeOffset? SpaceUntil { get; set; }

    /// <summary>Step 5 "I'll say when": open-ended space.</summary>
    public bool SpaceOpenEnded { get; set; }

    /// <summary>Step 6: the one thing to do this week, asked about at the next check-in.</summary>
    public string? WeeklyCommitment { get; set; }

    /// <summary>Step 1: how much damage the person felt, 1–10, when they last rated it.</summary>
    public int? DamageRating { get; set; }

    /// <summary>Step 1: "yes", "me-only" (I am, not sure about my partner) or "not-sure".</summary>
    public string? Willingness { get; set; }

    /// <summary>Step 2: the listening habit chosen for the week.</summary>
    public string? ListeningHabit { get; set; }

    /// <summary>Step 2: a planned talk, in UTC.</summary>
    public DateTimeOffset? PlannedTalkAt { get; set; }

    /// <summary>Step 5: the planned talk the person chose to keep (with its reminder) during a space period.</summary>
    public DateTimeOffset? TalkKeptDuringSpace { get; set; }

    public DateTimeOffset? RemindersPausedUntil { get; set; }

    /// <summary><c>stop</c>: no proactive messages at all until <c>start</c>.</summary>
    public bool ProactiveStopped { get; set; }

    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>Channel, conversation and service URL of the last conversation used (to store its reference only on change).</summary>
    public string? LastConversationKey { get; set; }

    /// <summary>
    /// When the bot last showed the safety message, or the person said they were not safe or could not talk freely
    /// (the time only, never the text). Unprompted messages pause for a while after it (<see cref="ReminderRules.SafetyPause"/>).
    /// </summary>
    public DateTimeOffset? LastSafetyMessageAt { get; set; }

    /// <summary>The channel refused proactive sends (blocked or removed); cleared when the person writes again.</summary>
    public bool ChannelBlocked { get; set; }

    /// <summary>The due-time index partition (<c>due/yyyyMMddHHmm</c>) of the scheduled proactive message, or null.</summary>
    public string? ScheduledDueKey { get; set; }

    /// <summary>The kind of the scheduled proactive message (with <see cref="ScheduledDueKey"/>, the schedule's fingerprint).</summary>
    public string? ScheduledKind { get; set; }

    /// <summary>When the last unprompted message was sent (at most one a local day).</summary>
    public DateTimeOffset? LastProactiveAt { get; set; }

    /// <summary>When the last check-in reminder was sent; the rhythm counts from it or from the last check-in.</summary>
    public DateTimeOffset? LastReminderAt { get; set; }

    /// <summary>When the last nudge after quiet days was sent (one per quiet spell).</summary>
    public DateTimeOffset? LastNudgeAt { get; set; }

    /// <summary>The planned talk (UTC) whose reminder was already sent.</summary>
    public DateTimeOffset? TalkRemindedFor { get; set; }

    /// <summary>The highest check-in streak already celebrated.</summary>
    public int CelebratedStreak { get; set; }

    /// <summary>How many done steps were already celebrated.</summary>
    public int CelebratedSteps { get; set; }

    /// <summary>When a past win was last brought back to mind.</summary>
    public DateTimeOffset? LastWinRememberedAt { get; set; }

    public bool IsSpaceActive(DateTimeOffset now) => SpaceOpenEnded || SpaceUntil > now;

    public void MarkStepDone(int step)
    {
        if (!StepsDone.Contains(step)) StepsDone.Add(step);
        StepsDone.Sort();
    }
}
