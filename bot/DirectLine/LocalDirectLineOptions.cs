using System.ComponentModel.DataAnnotations;

namespace TrustBot.Bot.DirectLine;

/// <summary>
/// Section <c>DirectLine:LocalLimits</c>: bounds of the in-memory local Direct Line, so a
/// page left open or a misbehaving client cannot grow the bot's memory without limit.
/// </summary>
internal sealed class LocalDirectLineOptions
{
    public const string Section = "DirectLine:LocalLimits";

    [Range(1, 1_000_000)]
    public int MaxConversations { get; set; } = 1000;

    /// <summary>Older activities are dropped from a conversation's history beyond this count.</summary>
    [Range(10, 100_000)]
    public int MaxActivitiesPerConversation { get; set; } = 500;

    /// <summary>A conversation nobody has read or written for this long is forgotten.</summary>
    [Range(1, 60 * 24 * 30)]
    public int IdleMinutes { get; set; } = 24 * 60;

    /// <summary>When the store is full, a conversation where the person has said nothing for this long may be forgotten to make room.</summary>
    [Range(1, 60 * 24)]
    public int UnusedMinutes { get; set; } = 10;

    /// <summary>
    /// Largest activity a client may post. What a person types is small, so this sits far below the
    /// 256 KiB of /api/messages (BotFramework:MaxActivityBytes), which still caps it.
    /// </summary>
    [Range(1024, 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 16 * 1024;

    /// <summary>History bytes one conversation keeps (oldest dropped first).</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public long MaxConversationBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// History bytes of all conversations together. Once reached, every conversation that gets a new
    /// activity is trimmed to its fair share (MaxTotalBytes / MaxConversations).
    /// </summary>
    [Range(1024 * 1024, 16L * 1024 * 1024 * 1024)]
    public long MaxTotalBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>Most activities in one GET …/activities answer or one stream frame.</summary>
    [Range(1, 1000)]
    public int PageActivities { get; set; } = 100;

    /// <summary>Most bytes of activities in one answer or frame (one larger activity still goes out alone).</summary>
    [Range(4 * 1024, 16 * 1024 * 1024)]
    public int PageBytes { get; set; } = 256 * 1024;

    /// <summary>Open WebSocket streams on one conversation (a few tabs of the same visitor).</summary>
    [Range(1, 100)]
    public int MaxStreamsPerConversation { get; set; } = 4;

    /// <summary>Seconds a refused client is told to wait (Retry-After) when the store is full.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 60;

    /// <summary>Lifetime of a token; clients refresh it halfway (the Direct Line default is 1800 s).</summary>
    [Range(60, 24 * 3600)]
    public int TokenSeconds { get; set; } = 1800;
}
