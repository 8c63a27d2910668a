using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>The bot: welcomes people and routes every message to the dialogs.</summary>
public sealed class TrustBotHandler : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Type == ActivityTypes.ConversationUpdate
            && activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true)
        {
            await turnContext.SendActivityAsync("Hello, I'm TrustBot.", cancellationToken);
        }
        else if (activity.Type == ActivityTypes.Message)
        {
            await turnContext.SendActivityAsync("Hello, I'm TrustBot.", cancellationToken);
        }
    }
}
