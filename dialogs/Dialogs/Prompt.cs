using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Dialogs;

/// <summary>
/// Base of the prompts: asks, recognises the answer (typed text, a button, or a card submit's
/// <c>value</c>), validates, retries with the retry prompt, and after
/// <see cref="PromptOptions.MaxRetries"/> failed retries ends with a null ("no answer") result.
/// </summary>
internal abstract class Prompt<T> : Dialog, IPromptDialog
{
    private const string OptionsKey = DialogInstanceState.PromptOptionsName;
    private const string AttemptsKey = "attempts";
    private readonly PromptValidator<T>? _validator;

    /// <summary>Creates a prompt with an optional validator.</summary>
    protected Prompt(string id, PromptValidator<T>? validator) : base(id) => _validator = validator;

    /// <inheritdoc />
    /// <remarks>Not an async method: the question is almost always held at once (replies wait for the save), and then the shared waiting task is the answer.</remarks>
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var promptOptions = options as PromptOptions
            ?? throw new ArgumentException($"Start {Id} with PromptOptions.", nameof(options));
        var instance = dc.ActiveDialog!;
        instance.State.Set(OptionsKey, promptOptions, DialogJson.Default.PromptOptions);
        instance.State.SetInt(AttemptsKey, 0);
        var sending = SendAsync(dc.Context, promptOptions, isRetry: false, cancellationToken);
        return sending.IsCompletedSuccessfully ? DialogTurnResult.WaitingTask : WaitingWhenSentAsync(sending);
    }

    private static async Task<DialogTurnResult> WaitingWhenSentAsync(Task sending)
    {
        await sending.ConfigureAwait(false);
        return DialogTurnResult.Waiting;
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.Context.Activity.Type != ActivityTypes.Message) return DialogTurnResult.Waiting;
        var instance = dc.ActiveDialog!;
        var options = OptionsOf(instance);
        var attempts = (instance.State.GetInt(AttemptsKey) ?? 0) + 1;
        instance.State.SetInt(AttemptsKey, attempts);

        var input = PromptInput.Of(dc.Context.Activity);
        // A question or greeting instead of an answer ("is this private?") is answered first, then the question again.
        if (input is not null && await AnswerAsideAsync(dc, input, beforeAnswer: true, cancellationToken).ConfigureAwait(false))
            return await AskAgainAsync(dc, instance, options, attempts, cancellationToken).ConfigureAwait(false);

        var recognized = input is null ? PromptRecognizerResult<T>.Failed : Recognize(input, options, dc.Context);
        var valid = _validator is null
            ? recognized.Succeeded
            : await _validator(new PromptValidatorContext<T>(dc.Context, recognized, options, attempts), cancellationToken).ConfigureAwait(false);
        if (valid) return await dc.EndDialogAsync(recognized.Value, cancellationToken).ConfigureAwait(false);

        if (recognized.Unclear is { Count: > 1 } between)
        {
            // Two options named: ask which, never guess. Not counted as a failed attempt.
            instance.State.SetInt(AttemptsKey, attempts - 1);
            await dc.Context.SendActivityAsync(Clarification(dc.Context, between, recognized.Question), cancellationToken).ConfigureAwait(false);
            return DialogTurnResult.Waiting;
        }
        if (input is not null && await AnswerAsideAsync(dc, input, beforeAnswer: false, cancellationToken).ConfigureAwait(false))
            return await AskAgainAsync(dc, instance, options, attempts, cancellationToken).ConfigureAwait(false);

        if (attempts > options.MaxRetries)
        {
            if (options.GiveUpMessage is { } giveUp) await dc.Context.SendActivityAsync(giveUp, cancellationToken).ConfigureAwait(false);
            return await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false);
        }
        await SendAsync(dc.Context, options, isRetry: true, cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.Waiting;
    }

    /// <summary>True for prompts where any text is a valid answer (only whole-message asides are taken as asides there).</summary>
    protected virtual bool AcceptsFreeText => false;

    private async Task<bool> AnswerAsideAsync(DialogContext dc, string input, bool beforeAnswer, CancellationToken cancellationToken)
    {
        if (dc.Context.Services.Get<IAsideHandler>() is not { } handler) return false;
        var aside = Asides.Recognize(input);
        if (aside == Aside.None) return false;
        // "What did I write" and "I already did this" at a free-text question are left to the step, which can show the earlier writing.
        if (AcceptsFreeText && aside is Aside.WhatDidIWrite or Aside.AlreadyDone) return false;
        if (beforeAnswer)
        {
            // Before trying the answer only what cannot be an answer: a question back, or (where any text is an answer) a bare greeting or thanks.
            var take = AcceptsFreeText
                ? aside is Aside.Greeting or Aside.Thanks or Aside.Capabilities or Aside.Privacy && Asides.IsWholeMessage(input, aside)
                : aside is Aside.Privacy or Aside.Capabilities or Aside.WhatDidIWrite && input.Contains('?');
            if (!take) return false;
        }
        return await handler.AnswerAsync(dc, new AsideContext(input, aside, beforeAnswer), cancellationToken).ConfigureAwait(false);
    }

    private async Task<DialogTurnResult> AskAgainAsync(DialogContext dc, DialogInstance instance, PromptOptions options, int attempts, CancellationToken cancellationToken)
    {
        // An aside is not a failed answer.
        instance.State.SetInt(AttemptsKey, attempts - 1);
        await SendAsync(dc.Context, options, isRetry: false, cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.Waiting;
    }

    /// <summary>"Did you mean A or B?" (or the recogniser's own question) with just those options as buttons.</summary>
    private static Activity Clarification(ITurnContext context, IReadOnlyList<Choice> between, string? question)
    {
        if (question is null)
        {
            var names = between.Select(c => $"\"{c.Display}\"").ToList();
            var list = names.Count == 2 ? $"{names[0]} or {names[1]}" : string.Join(", ", names[..^1]) + " or " + names[^1];
            question = $"I think you mentioned more than one: did you mean {list}?";
        }

        return ChoiceRenderer.Render(context.Activity, Activity.CreateMessage(question), between);
    }

    /// <inheritdoc />
    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken) =>
        SendAsync(turnContext, OptionsOf(instance), isRetry: false, cancellationToken);

    /// <summary>Turns the person's input into a value.</summary>
    protected abstract PromptRecognizerResult<T> Recognize(string input, PromptOptions options, ITurnContext context);

    /// <summary>Builds the activity that asks the question (choices rendered for the channel).</summary>
    protected virtual Activity BuildPrompt(ITurnContext context, PromptOptions options, bool isRetry)
    {
        var source = isRetry ? options.RetryPrompt ?? DefaultRetry(options) : options.Prompt;
        var activity = Clone(source) ?? Activity.CreateMessage();
        return options.Choices is { Count: > 0 } choices
            ? ChoiceRenderer.Render(context.Activity, activity, choices, options.Style)
            : activity;
    }

    /// <summary>Without a written retry: say what the options are rather than repeat the question word for word.</summary>
    private Activity? DefaultRetry(PromptOptions options)
    {
        if (options.Prompt?.Text is not { Length: > 0 } question) return options.Prompt;
        if (options.Choices is { Count: > 0 } choices)
        {
            var names = choices.Select(c => $"\"{c.Display}\"").ToList();
            var list = names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
            return Activity.CreateMessage($"Sorry, I didn't quite get that. {question} You can tap a button or say it in your own words: {list}.");
        }
        if (!AcceptsFreeText && options.Min is { } min && options.Max is { } max && max <= 1000)
            return Activity.CreateMessage($"Sorry, I didn't quite get that. {question} A number from {min:0.##} to {max:0.##} is all I need.");
        return Activity.CreateMessage("Sorry, I didn't quite get that. " + question);
    }

    private Task SendAsync(ITurnContext context, PromptOptions options, bool isRetry, CancellationToken cancellationToken) =>
        context.SendActivityAsync(BuildPrompt(context, options, isRetry), cancellationToken);

    PromptOptions IPromptDialog.OptionsOf(DialogInstance instance) => OptionsOf(instance);

    bool IPromptDialog.IsStructuredAnswer(string input, PromptOptions options, ITurnContext context) => IsStructuredAnswer(input, options, context);

    /// <summary>See <see cref="IPromptDialog.IsStructuredAnswer"/>; free text never is.</summary>
    protected virtual bool IsStructuredAnswer(string input, PromptOptions options, ITurnContext context) => false;

    // Read several times a turn (interruptions, the prompt, a re-prompt): the state keeps the object it read.
    private static PromptOptions OptionsOf(DialogInstance instance) =>
        instance.State.Get(OptionsKey, DialogJson.Default.PromptOptions) ?? new PromptOptions();

    /// <summary>
    /// A copy of the stored question to send: sending fills in addresses and rendering adds buttons, which must not
    /// change the options kept with the prompt. Top-level properties and lists are copied; what they hold is only read.
    /// </summary>
    private static Activity? Clone(Activity? activity) => activity is null ? null : new Activity
    {
        Type = activity.Type,
        Id = activity.Id,
        Timestamp = activity.Timestamp,
        LocalTimestamp = activity.LocalTimestamp,
        LocalTimezone = activity.LocalTimezone,
        ServiceUrl = activity.ServiceUrl,
        ChannelId = activity.ChannelId,
        From = activity.From,
        Conversation = activity.Conversation,
        Recipient = activity.Recipient,
        TextFormat = activity.TextFormat,
        AttachmentLayout = activity.AttachmentLayout,
        MembersAdded = activity.MembersAdded is null ? null : [.. activity.MembersAdded],
        MembersRemoved = activity.MembersRemoved is null ? null : [.. activity.MembersRemoved],
        TopicName = activity.TopicName,
        Locale = activity.Locale,
        Text = activity.Text,
        Speak = activity.Speak,
        InputHint = activity.InputHint,
        Summary = activity.Summary,
        SuggestedActions = activity.SuggestedActions is null ? null : new SuggestedActions
        {
            To = activity.SuggestedActions.To is null ? null : [.. activity.SuggestedActions.To],
            Actions = [.. activity.SuggestedActions.Actions],
        },
        Attachments = activity.Attachments is null ? null : [.. activity.Attachments],
        Entities = activity.Entities is null ? null : [.. activity.Entities],
        ChannelData = activity.ChannelData?.DeepClone(),
        Action = activity.Action,
        ReplyToId = activity.ReplyToId,
        Label = activity.Label,
        ValueType = activity.ValueType,
        Value = activity.Value?.DeepClone(),
        Name = activity.Name,
        RelatesTo = activity.RelatesTo,
        Code = activity.Code,
        Expiration = activity.Expiration,
        Importance = activity.Importance,
        DeliveryMode = activity.DeliveryMode,
        CallerId = activity.CallerId,
        Properties = activity.Properties is null ? null : new Dictionary<string, JsonElement>(activity.Properties),
    };
}

/// <summary>
/// Reads the answer out of a message: a button's submit data (messageBack / Action.Submit <c>value</c>) first,
/// because it is the exact option; otherwise the typed text; otherwise any other value the message carries.
/// </summary>
internal static class PromptInput
{
    private static readonly string[] ValueFields = [ChoiceRenderer.SubmitField, "answer", "value", "text"];

    /// <summary>The trimmed answer, or null when the message carries none.</summary>
    public static string? Of(Activity activity)
    {
        if (Submitted(activity.Value) is { } submitted && Field(submitted, ChoiceRenderer.SubmitField) is { } chosen) return chosen;
        if (!string.IsNullOrWhiteSpace(activity.Text)) return activity.Text.Trim();
        return activity.Value switch
        {
            JsonValue v when v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) => s.Trim(),
            JsonValue v when v.TryGetValue<int>(out var i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            JsonObject o => ValueFields.Select(f => Field(o, f)).FirstOrDefault(s => s is not null),
            _ => null,
        };
    }

    /// <summary>
    /// Submit data as an object. A messageBack's value may also arrive as the JSON text it was written as (Teams
    /// documents both forms for messageBack values), so a string that is a JSON object is read as that object.
    /// </summary>
    private static JsonObject? Submitted(JsonNode? value)
    {
        if (value is JsonObject o) return o;
        if (value is not JsonValue v || !v.TryGetValue<string>(out var s) || !s.TrimStart().StartsWith('{')) return null;
        try
        {
            return JsonNode.Parse(s) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null; // typed text that merely starts with a brace
        }
    }

    private static string? Field(JsonObject o, string name) => o[name] switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        JsonValue v => v.ToJsonString(),
        _ => null,
    };
}

/// <summary>A prompt, seen without its value type: what it asked.</summary>
internal interface IPromptDialog
{
    /// <summary>The options the waiting prompt was started with.</summary>
    PromptOptions OptionsOf(DialogInstance instance);

    /// <summary>True when <paramref name="input"/> is, as a whole, a value of the kind this prompt asks for (a time zone,
    /// a time, a number, one of its options exactly): an answer, not something said in passing.</summary>
    bool IsStructuredAnswer(string input, PromptOptions options, ITurnContext context);
}
