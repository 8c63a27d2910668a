namespace TrustBot.Journey;

/// <summary>The next unprompted message: its kind and when it is due (UTC, on a whole minute).</summary>
internal sealed record DueMessage(ProactiveKind Kind, DateTimeOffset DueAt, MilestoneKind Milestone = MilestoneKind.None);
