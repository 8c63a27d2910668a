using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Schema;

namespace TrustBot.Dialogs;

/// <summary>
/// Shows choices the way each channel supports (protocol.md §6): suggested actions where possible
/// (Teams: personal chats only, at most 3), otherwise a card with buttons (Teams: an Adaptive Card, other
/// channels: a hero card), otherwise a numbered list.
/// Every button sends the choice's short <see cref="Choice.ButtonValue"/>, never its title, so a long or
/// changing title ("Continue my journey: Step 3: …") still reaches the prompt or command it stands for.
/// </summary>
internal static class ChoiceRenderer
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
            case ListStyle.AdaptiveCard:
                (prompt.Attachments ??= []).Add(SubmitCard(prompt.Text, choices));
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

    /// <summary>
    /// An Adaptive Card asking <paramref name="question"/> with one <c>Action.Submit</c> per choice, each alone in an
    /// <c>ActionSet</c> so long titles stay readable and no host's limit on actions per row (five in the Agents
    /// Playground) hides any.
    /// </summary>
    /// <remarks>
    /// Each button is a plain <c>Action.Submit</c> whose <c>data</c> is <c>{"choice": value}</c>. Teams and the Agents
    /// Playground both post an object submit as a message whose <c>value</c> is that object and whose <c>text</c> is
    /// empty (Bot Framework, "Using Adaptive Cards with the Microsoft Bot Framework"; the Playground 0.2.28 source
    /// posts <c>data</c> as <c>value</c>), and <see cref="PromptInput.Of"/> reads <see cref="SubmitField"/> first.
    /// An <c>msteams</c> messageBack object in <c>data</c> (Microsoft Teams docs, "Card actions", "Adaptive Cards with
    /// messageBack action": <c>msteams.text</c> becomes the text, <c>msteams.value</c> the value, <c>displayText</c>
    /// is only shown) is left out on purpose: the Playground 0.2.28 silently sends nothing when such a button is
    /// clicked (tried: the same card without <c>msteams</c> posts at once), and the same buttons must work in both.
    /// </remarks>
    public static Attachment SubmitCard(string? question, IReadOnlyList<Choice> choices)
    {
        var body = new JsonArray();
        if (!string.IsNullOrEmpty(question)) body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = question, ["wrap"] = true });
        foreach (var choice in choices)
            body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray(SubmitButton(choice)) });
        return AdaptiveCard(body);
    }

    /// <summary>Wraps body elements as an Adaptive Card attachment (the menu's buttons and the journey's cards alike).</summary>
    public static Attachment AdaptiveCard(JsonArray body) => new()
    {
        ContentType = AttachmentContentTypes.AdaptiveCard,
        Content = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        },
    };

    /// <summary>An <c>Action.Submit</c> for <paramref name="choice"/>: its data is the choice's short value.</summary>
    public static JsonObject SubmitButton(Choice choice) => new()
    {
        ["type"] = "Action.Submit",
        ["title"] = choice.Display,
        ["data"] = new JsonObject { [SubmitField] = choice.ButtonValue },
    };

    /// <summary>The richest style the channel and conversation support for this many choices.</summary>
    public static ListStyle BestStyle(Activity incoming, int count)
    {
        var channel = incoming.ChannelId ?? "";
        if (channel == Channels.Msteams)
        {
            var personal = incoming.Conversation?.ConversationType is null or "personal";
            // Teams and its Agents Playground refuse imBack on cards, and the Playground refuses messageBack on hero cards too:
            // an Adaptive Card's Action.Submit works in both.
            return personal && count <= 3 ? ListStyle.SuggestedAction : ListStyle.AdaptiveCard;
        }
        if (channel is Channels.Webchat or Channels.Directline or Channels.Emulator or Channels.Test)
            return count <= 100 ? ListStyle.SuggestedAction : ListStyle.List;
        return ListStyle.List;
    }

    /// <summary>True when the channel renders card attachments.</summary>
    public static bool SupportsCards(Activity incoming) =>
        incoming.ChannelId is Channels.Msteams or Channels.Webchat or Channels.Directline or Channels.Emulator or Channels.Test;
}
