using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Schema;

namespace TrustBot.Dialogs;

/// <summary>
/// Shows choices the way each channel supports (protocol.md §6): suggested actions where possible
/// (Teams: personal chats only, at most 3), otherwise a hero card with buttons, otherwise a numbered list.
/// Every button sends the choice's short <see cref="Choice.ButtonValue"/>, never its title, so a long or
/// changing title ("Continue my journey: Step 3: …") still reaches the prompt or command it stands for.
/// </summary>
public static class ChoiceRenderer
{
    /// <summary>The field of a card submit's <c>value</c> object that carries the chosen option.</summary>
    public const string SubmitField = "choice";

    /// <summary>Adds the choices to <paramref name="prompt"/> for the channel of <paramref name="incoming"/>.</summary>
    public static Activity Render(Activity incoming, Activity prompt, IReadOnlyList<Choice> choices, ListStyle style = ListStyle.Auto)
    {
        if (style == ListStyle.Auto) style = BestStyle(incoming, choices.Count);
        switch (style)
        {
            case ListStyle.SuggestedAction:
                // Suggested actions are imBack everywhere (Teams accepts nothing else there); the value is what the person "says".
                prompt.SuggestedActions = new SuggestedActions
                {
                    Actions = choices.Select(c => new CardAction { Type = ActionTypes.ImBack, Title = c.Display, Value = c.ButtonValue }).ToList(),
                };
                break;
            case ListStyle.HeroCard:
                // Card buttons are messageBack: Teams (and the Agents Playground) reject imBack on cards. The chat shows the
                // title (displayText); the bot gets the short value as text and as submit data.
                var buttons = new JsonArray(choices.Select(c => (JsonNode)CardButton(c)).ToArray());
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

    /// <summary>A messageBack card button for <paramref name="choice"/>.</summary>
    public static JsonObject CardButton(Choice choice) => new()
    {
        ["type"] = ActionTypes.MessageBack,
        ["title"] = choice.Display,
        ["text"] = choice.ButtonValue,
        ["displayText"] = choice.Display,
        ["value"] = new JsonObject { [SubmitField] = choice.ButtonValue },
    };

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
