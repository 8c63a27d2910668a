using TrustBot.Turns;

namespace TrustBot.Dialogs;

/// <summary>What a prompt made of the person's answer.</summary>
/// <param name="Succeeded">The answer was understood.</param>
/// <param name="Value">The understood value.</param>
public readonly record struct PromptRecognizerResult<T>(bool Succeeded, T? Value)
{
    /// <summary>Not understood.</summary>
    public static PromptRecognizerResult<T> Failed => new(false, default);

    /// <summary>Understood as <paramref name="value"/>.</summary>
    public static PromptRecognizerResult<T> Ok(T value) => new(true, value);

    /// <summary>The answer named several of the options: these, to be asked about rather than guessed.</summary>
    public IReadOnlyList<Choice>? Unclear { get; init; }

    /// <summary>What to ask instead of "did you mean A or B?", when the options come from the answer itself.</summary>
    public string? Question { get; init; }

    /// <summary>Not understood because it named several options.</summary>
    public static PromptRecognizerResult<T> Ambiguous(IReadOnlyList<Choice> between) => new(false, default) { Unclear = between };

    /// <summary>Not understood because it stands for several options ("the US" for a time zone): <paramref name="question"/> asks which.</summary>
    public static PromptRecognizerResult<T> Ambiguous(IReadOnlyList<Choice> between, string question) => new(false, default) { Unclear = between, Question = question };
}

/// <summary>What a validator sees.</summary>
public sealed class PromptValidatorContext<T>
{
    internal PromptValidatorContext(ITurnContext context, PromptRecognizerResult<T> recognized, PromptOptions options, int attemptCount)
    {
        Context = context;
        Recognized = recognized;
        Options = options;
        AttemptCount = attemptCount;
    }

    /// <summary>The current turn.</summary>
    public ITurnContext Context { get; }

    /// <summary>The recognised answer.</summary>
    public PromptRecognizerResult<T> Recognized { get; }

    /// <summary>The prompt's options.</summary>
    public PromptOptions Options { get; }

    /// <summary>1 for the first answer, 2 for the first retry, and so on.</summary>
    public int AttemptCount { get; }
}

/// <summary>Decides whether a recognised answer is acceptable.</summary>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);
