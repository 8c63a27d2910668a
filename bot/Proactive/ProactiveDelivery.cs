using TrustBot.Bot.Channel;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Bot.Proactive;

/// <summary>Sends one message the bot starts on its own to a person's conversation, at most at the configured rate.</summary>
internal sealed class ProactiveDelivery(BotAdapter adapter, TokenBucket bucket)
{
    /// <summary>
    /// Sends in a proactive turn and returns why it failed, or null when it was delivered; the adapter's
    /// error handler would swallow failures, so they are caught here.
    /// </summary>
    public async Task<Exception?> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        await bucket.WaitAsync(cancellationToken).ConfigureAwait(false);
        Exception? failure = null;
        await adapter.ContinueConversationAsync(reference, async (turn, ct) =>
        {
            try
            {
                await turn.SendActivityAsync(activity, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ChannelSendException or HttpRequestException or TimeoutException)
            {
                failure = ex;
            }
        }, cancellationToken).ConfigureAwait(false);
        return failure;
    }
}
