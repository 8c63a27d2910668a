namespace TrustBot.Journey;

/// <summary>Private writing: what happened, reflections, exercise answers. Never shown in group chats.</summary>
internal sealed class JournalEntry
{
    public int Step { get; set; }
    public string Topic { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>One check-in.</summary>
internal sealed class CheckInRecord
{
    public DateTimeOffset At { get; set; }
    public int Trust { get; set; }

    /// <summary>"better", "same" or "worse"; null when the person wasn't sure or didn't answer.</summary>
    public string? Communication { get; set; }

    /// <summary>"yes", "mostly", "no", or null when no boundaries are set.</summary>
    public string? BoundariesRespected { get; set; }

    public bool HadWin { get; set; }
    public bool HadSetback { get; set; }

    /// <summary>Whether the week's step-6 commitment was kept ("yes", "partly", "no"), when one was set.</summary>
    public string? CommitmentKept { get; set; }
}

/// <summary>A small win.</summary>
internal sealed class WinRecord
{
    public DateTimeOffset At { get; set; }
    public string Text { get; set; } = "";
}

/// <summary>A boundary: the behaviour that is not OK and the agreed consequence.</summary>
internal sealed class BoundaryRecord
{
    public string Behaviour { get; set; } = "";
    public string Consequence { get; set; } = "";
    public bool AgreedByBoth { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>A stored apology draft (private).</summary>
internal sealed class ApologyDraft
{
    public DateTimeOffset At { get; set; }
    public string Text { get; set; } = "";
    public List<string> ElementsPresent { get; set; } = [];
    public bool Final { get; set; }
}

/// <summary>A planned talk with the partner (step 2); reminded about an hour before.</summary>
internal sealed class PlannedTalk
{
    public DateTimeOffset At { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>That a safety message was shown: time and category only, never the text.</summary>
internal sealed class SafetyEvent
{
    public DateTimeOffset At { get; set; }
    public string Category { get; set; } = "";
}

/// <summary>The consent decision.</summary>
internal sealed class ConsentRecord
{
    public DateTimeOffset At { get; set; }
    public bool Given { get; set; }
}
