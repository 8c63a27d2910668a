using TrustBot.Schema;

namespace TrustBot.Bot.Channel;

/// <summary>Delivers the bot's activities to a channel, chosen by the conversation's service URL.</summary>
internal interface IChannelConnector
{
    /// <summary>True when this connector delivers to conversations at the given service URL.</summary>
    bool Handles(string serviceUrl);

    /// <summary>Sends an activity; as a reply when <see cref="Activity.ReplyToId"/> is set.</summary>
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken);

    Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>
    /// True for a connector that may only answer turns it delivered itself (the local Direct Line), so an
    /// activity that arrived elsewhere cannot write into its conversations. Proactive turns are allowed.
    /// </summary>
    bool AnswersOnlyItsOwnTurns => false;
}

/// <summary>The channel refused a send in a way the caller can act on.</summary>
internal sealed class ChannelSendException(int status, string? code, string message) : Exception(message)
{
    /// <summary>HTTP status returned by the channel (403, 404, 413, ...).</summary>
    public int Status { get; } = status;

    /// <summary>The channel's error code, e.g. <c>ConversationBlockedByUser</c> or <c>ConversationNotFound</c>.</summary>
    public string? Code { get; } = code;

    /// <summary>The bot was removed or blocked: stop proactive sends to this conversation.</summary>
    public bool IsBlocked => Status == 403;

    /// <summary>The conversation no longer exists: drop its reference.</summary>
    public bool IsGone => Status == 404;
}
