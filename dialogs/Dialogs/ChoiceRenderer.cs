using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Schema;

namespace TrustBot.Dialogs;

/// <summary>
/// Shows choices the way each channel supports (protocol.md §6): suggested actions where possible
/// (Teams: personal chats only, at most 3), otherwise a hero card with buttons, otherwise a numbered list.
/// </summary>
public static class ChoiceRenderer
{
    /// <summary>Adds the choices to <paramref name="prompt"/> for the channel of <paramref name="incoming"/>.</summary>
    public static Activity Render(Activity incoming, Activity prompt, IReadOnlyList<Choice> choices, ListStyle style = ListStyle.Auto)
    {
        if (style == ListStyle.Auto) style = BestStyle(incoming, choices.Count);
        switch (style)
        {
            case ListStyle.SuggestedAction:
                prompt.SuggestedActions = new SuggestedActions
                {
                    Actions = choices.Select(c => new CardAction { Type = ActionTypes.ImBack, Title = c.Display, Value = c.Display }).ToList(),
                };
                break;
            case ListStyle.HeroCard:
                var buttons = new JsonArray(choices.Select(c => (JsonNode)new JsonObject
                {
                    ["type"] = ActionTypes.ImBack,
                    ["title"] = c.Display,
                    ["value"] = c.Display,
                }).ToArray());
                (prompt.Attachments ??= []).Add(new Attachment
                {
                    ContentType = AttachmentContentTypes.HeroCard,
                    Content = new JsonObject { ["text"] = prompt.Text, ["buttons"] = buttons },
                });
                prompt.Text = null;
                break;
            case ListStyle.List:
                var text = new StringBuilder(prompt.Text);
                for (var i = 0; i < choices.Count; i++) text.Append('\n').Append(i + 1).Append(". ").Append(choices[i].Display);
                prompt.Text = text.ToString();
                break;
        }
        return prompt;
    }

    /// <summary>The richest style the channel and conversation support for this many choices.</summary>
    public static ListStyle BestStyle(Activity incoming, int count)
    {
        var channel = incoming.ChannelId ?? "";
        if (channel == Channels.Msteams)
        {
            var personal = incoming.Conversation?.ConversationType is null or "personal";
            return personal && count <= 3 ? ListStyle.SuggestedAction : ListStyle.HeroCard;
        }
        if (channel is Channels.Webchat or Channels.Directline or Channels.Emulator or Channels.Test)
            return count <= 100 ? ListStyle.SuggestedAction : ListStyle.List;
        return ListStyle.List;
    }

    /// <summary>True when the channel renders card attachments.</summary>
    public static bool SupportsCards(Activity incoming) =>
        incoming.ChannelId is Channels.Msteams or Channels.Webchat or Channels.Directline or Channels.Emulator or Channels.Test;
}
