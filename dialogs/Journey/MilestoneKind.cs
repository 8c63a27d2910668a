namespace TrustBot.Journey;

/// <summary>Which milestone a <see cref="ProactiveKind.Milestone"/> celebrates.</summary>
internal enum MilestoneKind
{
    None,
    StepDone,
    Streak,
    WinRemembered,
}
