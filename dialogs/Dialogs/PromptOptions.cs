using System.Text.Json.Serialization;
using TrustBot.Schema;

namespace TrustBot.Dialogs;

/// <summary>How a choice list is shown.</summary>
public enum ListStyle
{
    /// <summary>The best the channel supports: buttons, else a card, else a numbered list.</summary>
    Auto,

    /// <summary>Suggested-action buttons.</summary>
    SuggestedAction,

    /// <summary>A hero card with buttons.</summary>
    HeroCard,

    /// <summary>A numbered list in the text.</summary>
    List,

    /// <summary>No list; the prompt text alone.</summary>
    None,

    /// <summary>An Adaptive Card with one <c>Action.Submit</c> button per choice (Teams cards; see <see cref="ChoiceRenderer"/>).</summary>
    AdaptiveCard,
}

/// <summary>One option of a choice prompt.</summary>
public sealed class Choice
{
    /// <summary>The value returned when chosen; also the button title unless <see cref="Title"/> is set.</summary>
    public string Value { get; set; } = "";

    /// <summary>The button title, when it differs from the value.</summary>
    public string? Title { get; set; }

    /// <summary>Other words that pick this option.</summary>
    public List<string>? Synonyms { get; set; }

    /// <summary>
    /// What the option's button sends back (imBack value, messageBack text and submit data). Defaults to
    /// <see cref="Value"/>: short and stable, unlike titles that carry changing details such as the next step's name.
    /// </summary>
    public string? Id { get; set; }

    /// <summary>The text shown for this option.</summary>
    [JsonIgnore] // derived: not stored with the prompt
    public string Display => Title ?? Value;

    /// <summary>The value the option's button sends.</summary>
    [JsonIgnore]
    public string ButtonValue => string.IsNullOrWhiteSpace(Id) ? Value : Id;

    /// <summary>Creates choices from titles.</summary>
    public static List<Choice> From(params string[] values) => values.Select(v => new Choice { Value = v }).ToList();
}

/// <summary>The choice a person made.</summary>
/// <param name="Value">The chosen option's value.</param>
/// <param name="Index">Its zero-based position.</param>
public sealed record FoundChoice(string Value, int Index);

/// <summary>What a prompt asks and how it retries. Persisted with the prompt between turns.</summary>
public sealed class PromptOptions
{
    /// <summary>The question.</summary>
    public Activity? Prompt { get; set; }

    /// <summary>Sent when the answer is not accepted; defaults to the question.</summary>
    public Activity? RetryPrompt { get; set; }

    /// <summary>The options of a choice prompt (or quick answers of other prompts).</summary>
    public List<Choice>? Choices { get; set; }

    /// <summary>How the choices are shown.</summary>
    public ListStyle Style { get; set; } = ListStyle.Auto;

    /// <summary>How many retries before the prompt gives up and returns no answer.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Smallest accepted number, or shortest accepted text.</summary>
    public decimal? Min { get; set; }

    /// <summary>Largest accepted number, or longest accepted text.</summary>
    public decimal? Max { get; set; }

    /// <summary>Sent when the prompt gives up; null sends nothing.</summary>
    public string? GiveUpMessage { get; set; }

    /// <summary>Accepts only numbers (or text lengths) from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public PromptOptions Between(decimal min, decimal max)
    {
        Min = min;
        Max = max;
        return this;
    }

    /// <summary>Gives up after <paramref name="retries"/> retries, saying <paramref name="message"/> if given.</summary>
    public PromptOptions GiveUpAfter(int retries, string? message = null)
    {
        MaxRetries = retries;
        GiveUpMessage = message;
        return this;
    }

    /// <summary>Creates options from plain text.</summary>
    public static PromptOptions Ask(string prompt, string? retry = null, IEnumerable<string>? choices = null) => new()
    {
        Prompt = Activity.CreateMessage(prompt),
        RetryPrompt = retry is null ? null : Activity.CreateMessage(retry),
        Choices = choices?.Select(c => new Choice { Value = c }).ToList(),
    };
}
