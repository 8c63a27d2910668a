using TrustBot.Bot.Channel;
using TrustBot.Schema;

namespace TrustBot.Bot.DirectLine;

/// <summary>
/// Delivers the bot's activities (replies and proactive messages) into local Direct Line
/// conversations. Its service URL is a non-HTTP marker, so no HTTP connector ever claims it
/// and nothing is sent over the network.
/// </summary>
internal sealed class LocalDirectLineConnector(LocalConversationStore conversations) : IChannelConnector
{
    /// <summary>The <c>serviceUrl</c> of every activity that arrives through the local Direct Line.</summary>
    public const string ServiceUrl = "urn:trustbot:directline";

    public bool AnswersOnlyItsOwnTurns => true;

    public bool Handles(string serviceUrl) => string.Equals(serviceUrl.TrimEnd('/'), ServiceUrl, StringComparison.OrdinalIgnoreCase);

    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
    {
        var conversation = Find(activity.Conversation?.Id);
        // Trace activities are for developer tools; Direct Line clients never show them.
        if (activity.Type == ActivityTypes.Trace) return Task.FromResult(new ResourceResponse { Id = RandomId.New() });
        activity.Timestamp = null;
        return Task.FromResult(new ResourceResponse { Id = conversation.Append(activity) });
    }

    public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) =>
        throw new ChannelSendException(405, "MethodNotAllowed", "Direct Line does not support updating a sent activity; send a new one instead.");

    public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        throw new ChannelSendException(405, "MethodNotAllowed", "Direct Line does not support deleting a sent activity.");

    private LocalConversation Find(string? conversationId) =>
        (conversationId is null ? null : conversations.Find(conversationId))
        ?? throw new ChannelSendException(404, "ConversationNotFound", "The local Direct Line conversation has ended (idle or evicted); wait for the person to start a new one.");
}
