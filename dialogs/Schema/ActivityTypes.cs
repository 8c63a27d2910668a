namespace TrustBot.Schema;

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Event = "event";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string Typing = "typing";
    public const string EndOfConversation = "endOfConversation";
    public const string MessageReaction = "messageReaction";
    public const string MessageUpdate = "messageUpdate";
    public const string MessageDelete = "messageDelete";
    public const string Trace = "trace";
    public const string ContactRelationUpdate = "contactRelationUpdate";
    public const string DeleteUserData = "deleteUserData";
    public const string Handoff = "handoff";
    public const string Suggestion = "suggestion";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        Message, ConversationUpdate, InstallationUpdate, Event, Invoke, Typing, EndOfConversation,
        MessageReaction, MessageUpdate, MessageDelete, Trace, ContactRelationUpdate, DeleteUserData, Handoff, Suggestion,
    };

    public static bool IsKnown(string? type) => type is not null && Known.Contains(type);
}
