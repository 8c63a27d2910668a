using System.Text.Json.Nodes;
using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>Adaptive Card JSON (v1.5, the highest Teams renders from bots) built with System.Text.Json nodes.</summary>
internal static class Cards
{
    /// <summary>A card with a heading, optional text and a list of facts.</summary>
    public static Attachment Facts(string heading, string? text, IEnumerable<(string Title, string Value)> facts, JsonNode? extra = null)
    {
        var body = new JsonArray
        {
            new JsonObject { ["type"] = "TextBlock", ["text"] = heading, ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true },
        };
        if (!string.IsNullOrEmpty(text)) body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true });
        body.Add(new JsonObject
        {
            ["type"] = "FactSet",
            ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value }).ToArray()),
        });
        if (extra is not null) body.Add(extra);
        return ChoiceRenderer.AdaptiveCard(body);
    }

    /// <summary>An image element for a card.</summary>
    public static JsonObject Image(string url, string altText) => new()
    {
        ["type"] = "Image",
        ["url"] = url,
        ["altText"] = altText,
        ["size"] = "Stretch",
    };


    /// <summary>A message carrying one attachment.</summary>
    public static Activity Message(Attachment attachment, string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Attachments = [attachment],
    };
}
