using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Dialogs;

/// <summary>One step of a waterfall: asks or does one thing and makes exactly one move.</summary>
public delegate Task<DialogTurnResult> WaterfallStep<TData>(WaterfallStepContext<TData> step, CancellationToken cancellationToken) where TData : class, new();

/// <summary>
/// A sequence of steps run one per turn (or several in a turn when a step moves on with
/// <see cref="WaterfallStepContext{TData}.NextAsync"/>). A typed <typeparamref name="TData"/> object travels
/// through the steps, is persisted between turns and is the dialog's result when the last step is done.
/// </summary>
/// <typeparam name="TData">The flow's data; start it by passing an instance as the dialog's options.</typeparam>
internal sealed class WaterfallDialog<TData> : Dialog where TData : class, new()
{
    private const string StepKey = "step";
    private const string DataKey = "data";
    internal const string ValuesKey = "values";

    private readonly JsonTypeInfo<TData> _typeInfo;
    private readonly IReadOnlyList<WaterfallStep<TData>> _steps;

    /// <summary>Creates a waterfall.</summary>
    /// <param name="id">The dialog id.</param>
    /// <param name="typeInfo">Source-generated JSON metadata for the flow's data.</param>
    /// <param name="steps">The steps in the order they run.</param>
    public WaterfallDialog(string id, JsonTypeInfo<TData> typeInfo, IEnumerable<WaterfallStep<TData>> steps) : base(id)
    {
        _typeInfo = typeInfo;
        _steps = steps.ToList();
        if (_steps.Count == 0) throw new ArgumentException("A waterfall needs at least one step.", nameof(steps));
    }

    /// <inheritdoc />
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var instance = dc.ActiveDialog!;
        instance.State.Set(DataKey, options as TData ?? new TData(), _typeInfo);
        instance.State.SetInt(StepKey, -1);
        return RunStepAsync(dc, 0, null, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        // Only a message moves a waterfall on; other activities (typing, reactions) leave it waiting.
        if (dc.Context.Activity.Type != ActivityTypes.Message) return Task.FromResult(DialogTurnResult.Waiting);
        return ResumeDialogAsync(dc, DialogReason.EndCalled, PromptInput.Of(dc.Context.Activity), cancellationToken);
    }

    /// <inheritdoc />
    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken) =>
        RunStepAsync(dc, CurrentStep(dc.ActiveDialog!) + 1, result, cancellationToken);

    internal async Task<DialogTurnResult> RunStepAsync(DialogContext dc, int index, object? result, CancellationToken cancellationToken)
    {
        var instance = dc.ActiveDialog!;
        var data = DataOf(instance);
        if (index >= _steps.Count) return await dc.EndDialogAsync(data, cancellationToken).ConfigureAwait(false);

        instance.State.SetInt(StepKey, index);
        var step = new WaterfallStepContext<TData>(this, dc, index, data, instance, result);
        try
        {
            return await _steps[index](step, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Persist whatever the step changed, unless the step ended this dialog.
            if (dc.Stack.Contains(instance)) instance.State.Set(DataKey, data, _typeInfo);
        }
    }

    // Read once per instance per turn (the state keeps the object), so every step of the turn shares one object.
    private TData DataOf(DialogInstance instance)
    {
        if (instance.State.Get(DataKey, _typeInfo) is { } data) return data;
        data = new TData();
        instance.State.Set(DataKey, data, _typeInfo);
        return data;
    }

    private static int CurrentStep(DialogInstance instance) => instance.State.GetInt(StepKey) ?? -1;

    internal static JsonObject ValuesOf(DialogInstance instance) => instance.State.GetOrAddObject(ValuesKey);
}

/// <summary>What a waterfall step sees: the flow's data, the previous step's result, and the moves it can make.</summary>
public sealed class WaterfallStepContext<TData> where TData : class, new()
{
    private readonly WaterfallDialog<TData> _waterfall;
    private readonly DialogInstance _instance;

    internal WaterfallStepContext(WaterfallDialog<TData> waterfall, DialogContext dc, int index, TData data, DialogInstance instance, object? result)
    {
        _waterfall = waterfall;
        _instance = instance;
        DialogContext = dc;
        Index = index;
        Data = data;
        Result = result;
    }

    /// <summary>The dialog context of the waterfall.</summary>
    public DialogContext DialogContext { get; }

    /// <summary>The current turn.</summary>
    public ITurnContext Context => DialogContext.Context;

    /// <summary>The zero-based index of this step.</summary>
    public int Index { get; }

    /// <summary>The typed data of the flow; changes are persisted after the step.</summary>
    public TData Data { get; }

    /// <summary>
    /// A loose values bag persisted with the dialog. It is stored only once a step touches it, so the flows that
    /// keep everything in <see cref="Data"/> do not save an empty object on every step.
    /// </summary>
    public JsonObject Values => WaterfallDialog<TData>.ValuesOf(_instance);

    /// <summary>
    /// The result of the previous step's move: a prompt's recognised answer (null when the prompt
    /// ran out of retries), a child dialog's result, or the value passed to <see cref="NextAsync"/>.
    /// </summary>
    public object? Result { get; }

    /// <summary>True when the previous prompt ended without a usable answer.</summary>
    public bool NoAnswer => Result is null;

    /// <summary>Skips waiting and runs the next step now with the given result.</summary>
    public Task<DialogTurnResult> NextAsync(object? result, CancellationToken cancellationToken) =>
        _waterfall.RunStepAsync(DialogContext, Index + 1, result, cancellationToken);

    /// <summary>Asks a question with a prompt dialog.</summary>
    public Task<DialogTurnResult> PromptAsync(string promptId, PromptOptions options, CancellationToken cancellationToken) =>
        DialogContext.PromptAsync(promptId, options, cancellationToken);

    /// <summary>Starts a child dialog; its result arrives in the next step.</summary>
    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken) =>
        DialogContext.BeginDialogAsync(dialogId, options, cancellationToken);

    /// <summary>Ends this waterfall with its data as the result.</summary>
    public Task<DialogTurnResult> EndDialogAsync(CancellationToken cancellationToken) =>
        DialogContext.EndDialogAsync(Data, cancellationToken);

    /// <summary>Ends this waterfall with another result.</summary>
    public Task<DialogTurnResult> EndDialogAsync(object? result, CancellationToken cancellationToken) =>
        DialogContext.EndDialogAsync(result, cancellationToken);

    /// <summary>Restarts this (or starts another) dialog in place, e.g. to loop.</summary>
    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options, CancellationToken cancellationToken) =>
        DialogContext.ReplaceDialogAsync(dialogId, options, cancellationToken);

    /// <summary>Sends a message without waiting; use it before the step's one move.</summary>
    public Task<ResourceResponse> SendAsync(string text, CancellationToken cancellationToken) =>
        Context.SendActivityAsync(text, cancellationToken);

    /// <summary>Sends an activity without waiting; use it before the step's one move.</summary>
    public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken) =>
        Context.SendActivityAsync(activity, cancellationToken);
}
