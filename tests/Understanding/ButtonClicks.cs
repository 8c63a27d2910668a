using System.Text.Json.Nodes;
using TrustBot.Schema;

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
            foreach (var key in new[] { "buttons", "actions" })
            {
                if (card[key] is not JsonArray array) continue;
                foreach (var b in array.OfType<JsonObject>())
                {
                    var type = b["type"]?.GetValue<string>() ?? "";
                    var title = b["title"]?.GetValue<string>() ?? "";
                    if (type is "Action.OpenUrl" or ActionTypes.OpenUrl) continue;
                    var value = (type == "Action.Submit" ? b["data"] : b["value"])?.DeepClone();
                    buttons.Add(new OfferedButton(title, () => FromAction(type, value?.DeepClone(), b["text"]?.GetValue<string>(), title)));
                }
            }
        }
        return buttons;
    }

    /// <summary>
    /// What arrives at the bot: imBack posts its value as the message text; messageBack posts its text and its
    /// value; an Adaptive Card submit posts its data as value with no text.
    /// </summary>
    private static Activity FromAction(string type, JsonNode? value, string? text, string? title) => type switch
    {
        ActionTypes.ImBack => Activity.CreateMessage(value?.GetValue<string>() ?? ""),
        ActionTypes.MessageBack => new Activity { Type = ActivityTypes.Message, Text = text, Value = value },
        "Action.Submit" => new Activity { Type = ActivityTypes.Message, Value = value },
        _ => throw new InvalidOperationException($"A button of type {type} ({title}) cannot be clicked in any channel TrustBot serves."),
    };
}
