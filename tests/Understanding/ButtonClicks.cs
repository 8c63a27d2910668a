using System.Text.Json.Nodes;
using TrustBot.Schema;
using TrustBot.Testing;

namespace TrustBot.Tests.Understanding;

/// <summary>A button the bot offered, and the activity a channel sends when the person clicks it.</summary>
internal sealed record OfferedButton(string Title, Func<Activity> Click)
{
    /// <summary>Every button of <paramref name="reply"/>, clicked the way the channel that rendered it sends it.</summary>
    public static IReadOnlyList<OfferedButton> Of(Activity reply)
    {
        var buttons = new List<OfferedButton>();
        foreach (var action in reply.SuggestedActions?.Actions ?? [])
            buttons.Add(new OfferedButton(action.Title ?? "", () => FromAction(action.Type, action.Value?.DeepClone(), action.Text, action.Title)));
        foreach (var attachment in reply.Attachments ?? [])
        {
            if (attachment.Content is not JsonObject card) continue;
            foreach (var b in TestFlow.CardButtons(card))
            {
                var type = b["type"]?.GetValue<string>() ?? "";
                var title = b["title"]?.GetValue<string>() ?? "";
                if (type is "Action.OpenUrl" or ActionTypes.OpenUrl) continue;
                if (type == "Action.Submit")
                {
                    var data = b["data"]?.DeepClone();
                    buttons.Add(new OfferedButton(title, () => TeamsSubmit(data?.DeepClone(), title)));
                    continue;
                }
                var value = b["value"]?.DeepClone();
                buttons.Add(new OfferedButton(title, () => FromAction(type, value?.DeepClone(), b["text"]?.GetValue<string>(), title)));
            }
        }
        return buttons;
    }

    /// <summary>
    /// An Adaptive Card <c>Action.Submit</c> as Teams sends it. With an <c>msteams</c> messageBack in the data, the
    /// message's text is <c>msteams.text</c> and its value <c>msteams.value</c> (displayText only shows in the chat);
    /// with an <c>msteams</c> imBack, the text is <c>msteams.value</c>; otherwise the data object is the value and
    /// there is no text (Microsoft Teams documentation, "Card actions": "Adaptive Cards with messageBack action",
    /// "Adaptive Cards with imBack action"; Bot Framework "Using Adaptive Cards with the Microsoft Bot Framework").
    /// </summary>
    public static Activity TeamsSubmit(JsonNode? data, string title)
    {
        if (data is JsonObject { } o && o["msteams"] is JsonObject teams)
        {
            var kind = teams["type"]?.GetValue<string>();
            if (kind == ActionTypes.MessageBack)
            {
                var value = teams["value"] is JsonValue s && s.TryGetValue<string>(out var json) ? JsonNode.Parse(json) : teams["value"]?.DeepClone();
                return new Activity { Type = ActivityTypes.Message, Text = teams["text"]?.GetValue<string>(), Value = value };
            }
            if (kind == ActionTypes.ImBack) return Activity.CreateMessage(teams["value"]?.GetValue<string>() ?? "");
            throw new InvalidOperationException($"A submit button with msteams type {kind} ({title}) is not a message Teams sends back.");
        }
        return new Activity { Type = ActivityTypes.Message, Value = data };
    }


    /// <summary>
    /// What arrives at the bot: imBack posts its value as the message text; messageBack posts its text and its
    /// value.
    /// </summary>
    private static Activity FromAction(string type, JsonNode? value, string? text, string? title) => type switch
    {
        ActionTypes.ImBack => Activity.CreateMessage(value?.GetValue<string>() ?? ""),
        ActionTypes.MessageBack => new Activity { Type = ActivityTypes.Message, Text = text, Value = value },
        _ => throw new InvalidOperationException($"A button of type {type} ({title}) cannot be clicked in any channel TrustBot serves."),
    };
}
