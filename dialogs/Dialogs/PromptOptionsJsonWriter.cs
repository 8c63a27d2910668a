using System.Text.Json;
using TrustBot.Schema;

namespace TrustBot.Dialogs;

/// <summary>
/// Writes <see cref="PromptOptions"/> exactly as <see cref="DialogJson"/> serialises them, by hand. A prompt is stored
/// with its question, and most turns start one (each check-in answer asks the next question): the generated contract
/// writes the question's activity property by property through its metadata (an activity carries extension data, so it
/// has no fast path). A property added to <see cref="PromptOptions"/> or <see cref="Choice"/> must be added here too:
/// a test compares this writer with the serializer on options with every property set.
/// </summary>
internal static class PromptOptionsJsonWriter
{
    private static readonly ActivityJsonWriter.Contract Dialogs = new(
        static (writer, value) => writer.WriteStringValue(value),
        DialogJson.Default.ListChannelAccount, DialogJson.Default.ListAttachment, DialogJson.Default.ListEntity,
        DialogJson.Default.JsonNode, DialogJson.Default.ConversationReference, DialogJson.Default.ListString);

    private static readonly JsonEncodedText Prompt = ActivityJsonWriter.Encoded("prompt"), RetryPrompt = ActivityJsonWriter.Encoded("retryPrompt"),
        Choices = ActivityJsonWriter.Encoded("choices"), Style = ActivityJsonWriter.Encoded("style"), MaxRetries = ActivityJsonWriter.Encoded("maxRetries"),
        Min = ActivityJsonWriter.Encoded("min"), Max = ActivityJsonWriter.Encoded("max"), GiveUpMessage = ActivityJsonWriter.Encoded("giveUpMessage"),
        Value = ActivityJsonWriter.Encoded("value"), Title = ActivityJsonWriter.Encoded("title"), Synonyms = ActivityJsonWriter.Encoded("synonyms"),
        Id = ActivityJsonWriter.Encoded("id");

    public static void Write(Utf8JsonWriter writer, PromptOptions options)
    {
        writer.WriteStartObject();
        if (options.Prompt is { } prompt)
        {
            writer.WritePropertyName(Prompt);
            ActivityJsonWriter.Write(writer, prompt, Dialogs);
        }
        if (options.RetryPrompt is { } retry)
        {
            writer.WritePropertyName(RetryPrompt);
            ActivityJsonWriter.Write(writer, retry, Dialogs);
        }
        if (options.Choices is { } choices)
        {
            writer.WriteStartArray(Choices);
            foreach (var choice in choices)
            {
                if (choice is null)
                {
                    writer.WriteNullValue();
                    continue;
                }
                writer.WriteStartObject();
                if (choice.Value is { } value) writer.WriteString(Value, value);
                if (choice.Title is { } title) writer.WriteString(Title, title);
                if (choice.Synonyms is { } synonyms)
                {
                    writer.WriteStartArray(Synonyms);
                    foreach (var synonym in synonyms)
                    {
                        if (synonym is null) writer.WriteNullValue();
                        else writer.WriteStringValue(synonym);
                    }
                    writer.WriteEndArray();
                }
                if (choice.Id is { } id) writer.WriteString(Id, id);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WritePropertyName(Style);
        JsonSerializer.Serialize(writer, options.Style, DialogJson.Default.ListStyle);
        writer.WriteNumber(MaxRetries, options.MaxRetries);
        if (options.Min is { } min) writer.WriteNumber(Min, min);
        if (options.Max is { } max) writer.WriteNumber(Max, max);
        if (options.GiveUpMessage is { } giveUp) writer.WriteString(GiveUpMessage, giveUp);
        writer.WriteEndObject();
    }
}
