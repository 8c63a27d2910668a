namespace TrustBot.Journey;

/// <summary>A row of the due-time index: whose message is due, what kind, and when.</summary>
internal sealed class DueEntry
{
    /// <summary>The person's partition (<c>{channelId}/users/{userId}</c>).</summary>
    public string Person { get; set; } = "";

    public ProactiveKind Kind { get; set; }

    public MilestoneKind Milestone { get; set; }

    public DateTimeOffset DueAt { get; set; }

    /// <summary>Set by the instance that claimed the row for sending.</summary>
    public string? ClaimedBy { get; set; }
}
