using System.Globalization;
using System.Numerics;
using TrustBot.Turns;

namespace TrustBot.Dialogs;

/// <summary>Free text with length limits (<see cref="PromptOptions.Min"/>/<see cref="PromptOptions.Max"/>, default 1–2000 characters).</summary>
internal sealed class TextPrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    /// <summary>The default longest answer.</summary>
    public const int DefaultMaxLength = 2000;

    /// <summary>Raw UTF-16 code units allowed per counted character.</summary>
    public const int MaxCodeUnitsPerCharacter = 8;

    /// <inheritdoc />
    protected override bool AcceptsFreeText => true;

    /// <inheritdoc />
    protected override PromptRecognizerResult<string> Recognize(string input, PromptOptions options, ITurnContext context)
    {
        var min = (int)(options.Min ?? 1);
        var max = (int)(options.Max ?? DefaultMaxLength);
        // One text element can hold any number of combining marks, so the raw UTF-16 length is capped too
        // (generous: the longest emoji sequences are about 11 code units per element).
        if (input.Length > max * MaxCodeUnitsPerCharacter) return PromptRecognizerResult<string>.Failed;
        var length = new StringInfo(input).LengthInTextElements;
        return length >= min && length <= max ? PromptRecognizerResult<string>.Ok(input) : PromptRecognizerResult<string>.Failed;
    }
}

/// <summary>A number (integer or decimal by <typeparamref name="T"/>), optionally within a range such as 1–10.</summary>
internal sealed class NumberPrompt<T>(string id, PromptValidator<T>? validator = null) : Prompt<T>(id, validator)
    where T : struct, INumber<T>
{
    /// <inheritdoc />
    /// <remarks>Only a number on its own ("7", "7/10", "seven"): a number inside a sentence ("I took 30 of them") is not.</remarks>
    protected override bool IsStructuredAnswer(string input, PromptOptions options, ITurnContext context) =>
        Recognizers.IsOnlyANumber(input) && Recognize(input, options, context).Succeeded;

    /// <inheritdoc />
    protected override PromptRecognizerResult<T> Recognize(string input, PromptOptions options, ITurnContext context)
    {
        if (!Recognizers.TryNumber(input, out var number) || !T.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            return PromptRecognizerResult<T>.Failed;
        var asDecimal = decimal.CreateChecked(value);
        if (options.Min is { } min && asDecimal < min) return PromptRecognizerResult<T>.Failed;
        if (options.Max is { } max && asDecimal > max) return PromptRecognizerResult<T>.Failed;
        return PromptRecognizerResult<T>.Ok(value);
    }
}

/// <summary>Yes or no, in many English phrasings; shows Yes/No buttons unless choices are given.</summary>
internal sealed class ConfirmPrompt(string id, PromptValidator<bool>? validator = null) : Prompt<bool>(id, validator)
{
    /// <inheritdoc />
    protected override PromptRecognizerResult<bool> Recognize(string input, PromptOptions options, ITurnContext context)
    {
        if (options.Choices is { Count: 2 } pair)
        {
            var match = Recognizers.Match(input, pair);
            if (match.Found is { } found) return PromptRecognizerResult<bool>.Ok(found.Index == 0);
            if (match.Ambiguous.Count > 1) return PromptRecognizerResult<bool>.Ambiguous(pair);
        }
        return Recognizers.TryConfirm(input, out var yes) ? PromptRecognizerResult<bool>.Ok(yes) : PromptRecognizerResult<bool>.Failed;
    }

    /// <inheritdoc />
    protected override Schema.Activity BuildPrompt(ITurnContext context, PromptOptions options, bool isRetry)
    {
        options.Choices ??= Choice.From("Yes", "No");
        return base.BuildPrompt(context, options, isRetry);
    }
}

/// <summary>One of a list of choices, in the person's own words (see <see cref="Recognizers.Match"/>); an answer naming two options is asked about.</summary>
internal sealed class ChoicePrompt(string id, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(id, validator)
{
    /// <inheritdoc />
    protected override bool IsStructuredAnswer(string input, PromptOptions options, ITurnContext context) =>
        options.Choices is { Count: > 0 } choices && Recognizers.Match(input, choices).Exact;

    /// <inheritdoc />
    protected override PromptRecognizerResult<FoundChoice> Recognize(string input, PromptOptions options, ITurnContext context)
    {
        if (options.Choices is not { Count: > 0 } choices) return PromptRecognizerResult<FoundChoice>.Failed;
        var match = Recognizers.Match(input, choices);
        if (match.Found is { } found) return PromptRecognizerResult<FoundChoice>.Ok(found);
        return match.Ambiguous.Count > 1
            ? PromptRecognizerResult<FoundChoice>.Ambiguous(match.Ambiguous.Select(i => choices[i]).ToList())
            : PromptRecognizerResult<FoundChoice>.Failed;
    }
}

/// <summary>A time of day: "7pm", "19:00", "7.30 am", "evening" (19:00), "morning" (09:00).</summary>
internal sealed class TimeOfDayPrompt(string id, PromptValidator<TimeOnly>? validator = null) : Prompt<TimeOnly>(id, validator)
{
    /// <inheritdoc />
    protected override bool IsStructuredAnswer(string input, PromptOptions options, ITurnContext context) => Recognize(input, options, context).Succeeded;

    /// <inheritdoc />
    protected override PromptRecognizerResult<TimeOnly> Recognize(string input, PromptOptions options, ITurnContext context) =>
        Recognizers.TryTimeOfDay(input, out var time) ? PromptRecognizerResult<TimeOnly>.Ok(time) : PromptRecognizerResult<TimeOnly>.Failed;
}

/// <summary>A time zone: an IANA name, a city, or a UTC offset; checked against the system's time zone database.</summary>
internal sealed class TimeZonePrompt(string id, PromptValidator<string>? validator = null) : Prompt<string>(id, validator)
{
    /// <inheritdoc />
    protected override bool IsStructuredAnswer(string input, PromptOptions options, ITurnContext context) => TimeZones.IsOnlyAPlace(input);

    /// <inheritdoc />
    protected override PromptRecognizerResult<string> Recognize(string input, PromptOptions options, ITurnContext context)
    {
        if (options.Choices is { Count: > 0 } choices && Recognizers.MatchChoice(input, choices) is { } found)
            input = found.Value;
        if (TimeZones.TryResolve(input, out var zoneId)) return PromptRecognizerResult<string>.Ok(zoneId);
        return TimeZones.TryRegions(input, out var country, out var zones)
            ? PromptRecognizerResult<string>.Ambiguous(zones, $"{country} has several time zones. Which one is yours? A city near you works too.")
            : PromptRecognizerResult<string>.Failed;
    }
}
