using System.ComponentModel.DataAnnotations;

namespace TrustBot.Bot.DirectLine;

/// <summary>
/// Section <c>DirectLine:LocalLimits</c>: bounds of the in-memory local Direct Line, so a
/// page left open or a misbehaving client cannot grow the bot's memory without limit.
/// </summary>
public sealed class LocalDirectLineOptions
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

    /// <summary>Lifetime of a token; clients refresh it halfway (the Direct Line default is 1800 s).</summary>
    [Range(60, 24 * 3600)]
    public int TokenSeconds { get; set; } = 1800;
}
