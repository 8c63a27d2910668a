namespace TrustBot.Schema;

/// <summary>Everything needed to send a message into an existing conversation later.</summary>
public sealed class ConversationReference
{
    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? ServiceUrl { get; set; }
    public string? Locale { get; set; }

    /// <summary>True when the service URL arrived in an authenticated inbound activity.</summary>
    public bool ServiceUrlVerified { get; set; }

    /// <summary>Fills routing fields of an outgoing activity from this reference.</summary>
    public Activity ApplyTo(Activity activity, bool isIncoming = false)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = ServiceUrl;
        activity.Conversation = Conversation;
        activity.Locale ??= Locale;
        if (isIncoming)
        {
            activity.From = User;
            activity.Recipient = Bot;
            activity.Id = ActivityId;
        }
        else
        {
            activity.From = Bot;
            activity.Recipient = User;
            if (ActivityId is not null) activity.ReplyToId = ActivityId;
        }
        return activity;
    }
}
