using System.Buffers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TrustBot.Dialogs;
using TrustBot.Schema;
using TrustBot.Tests.Http;

namespace TrustBot.Tests.Dialogs;

/// <summary>A prompt is stored with its question, written by hand; what is stored must be exactly what the serializer writes.</summary>
public sealed class PromptOptionsJsonWriterTests
{
    private static PromptOptions Everything() => new()
    {
        Prompt = ActivityJsonWriterTests.Everything(),
        RetryPrompt = Activity.CreateMessage("Sorry, how much do you trust Sam today? “0–10” 😊"),
        Choices =
        [
            new Choice { Value = "Better", Title = "Better 😊", Synonyms = ["improved", "good", null!], Id = "better" },
            new Choice { Value = "About the same" },
            null!,
        ],
        Style = ListStyle.SuggestedAction,
        MaxRetries = 2,
        Min = 0.5m,
        Max = 10.25m,
        GiveUpMessage = "Let's come back to this <later>.",
    };

    private static string ByHand(PromptOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = DialogJson.Default.Options.Encoder }))
            PromptOptionsJsonWriter.Write(writer, options);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void The_fixture_sets_every_property_the_contract_writes()
    {
        var options = Everything();
        foreach (var (type, value) in new (Type, object)[] { (typeof(PromptOptions), options), (typeof(Choice), options.Choices![0]) })
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<JsonIgnoreAttribute>() is not null || property.SetMethod is null) continue;
                Assert.True(property.GetValue(value) is not null, $"{type.Name}.{property.Name} is not set in the fixture");
            }
        }
    }

    [Fact]
    public void Prompt_options_written_by_hand_are_the_serializers_bytes()
    {
        foreach (var options in new[]
                 {
                     Everything(),
                     new PromptOptions(),
                     PromptOptions.Ask("How has communication been?", choices: ["Better", "Worse"]).GiveUpAfter(1),
                     new PromptOptions { Prompt = new Activity { Type = ActivityTypes.Message, Timestamp = new DateTimeOffset(2026, 7, 1, 9, 30, 0, TimeSpan.FromHours(2)) }, Style = ListStyle.AdaptiveCard },
                 })
        {
            Assert.Equal(JsonSerializer.Serialize(options, DialogJson.Default.PromptOptions), ByHand(options));
        }
    }

    [Fact]
    public void A_stored_prompt_reads_back_as_the_question_it_asked()
    {
        var stack = new DialogState { Stack = [new DialogInstance { Id = "ask" }] };
        stack.Stack[0].State.Set(DialogInstanceState.PromptOptionsName, Everything(), DialogJson.Default.PromptOptions);
        var stored = JsonSerializer.Serialize(stack, DialogJson.Default.DialogState);
        var read = JsonSerializer.Deserialize(stored, DialogJson.Default.DialogState)!;
        var options = read.Stack[0].State.Get(DialogInstanceState.PromptOptionsName, DialogJson.Default.PromptOptions)!;
        Assert.Equal(Everything().Prompt!.Text, options.Prompt!.Text);
        Assert.Equal(["Better", "About the same"], options.Choices!.Where(c => c is not null).Select(c => c.Value));
        Assert.Equal((ListStyle.SuggestedAction, 2, 0.5m, 10.25m), (options.Style, options.MaxRetries, options.Min, options.Max));
    }
}
