using TrustBot.Turns;

namespace TrustBot.Dialogs;

/// <summary>
/// A dialog made of other dialogs (typically one waterfall and its prompts) with its own inner
/// stack, so a whole flow can be started, resumed and tested as one unit.
/// </summary>
public abstract class ComponentDialog : Dialog
{
    private readonly DialogSet _inner = new();

    /// <summary>Creates a component with the given id.</summary>
    protected ComponentDialog(string id) : base(id)
    {
    }

    /// <summary>The dialog started when the component begins; defaults to the first one added.</summary>
    protected string? InitialDialogId { get; set; }

    /// <summary>Adds a dialog to the component's own set.</summary>
    protected ComponentDialog AddDialog(Dialog dialog)
    {
        _inner.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    internal DialogContext CreateInnerContext(DialogContext outer, DialogInstance instance) =>
        new(_inner, outer.Context, instance.Inner ??= new DialogState(), outer);

    /// <inheritdoc />
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var inner = CreateInnerContext(dc, dc.ActiveDialog!);
        var id = InitialDialogId ?? throw new InvalidOperationException($"{Id} has no dialogs; add one with AddDialog in its constructor.");
        // As in ContinueDialogAsync: an inner dialog left waiting is the answer as it is.
        var beginning = inner.BeginDialogAsync(id, options, cancellationToken);
        if (beginning.IsCompletedSuccessfully && !EndsComponent(beginning.Result)) return beginning;
        return EndIfInnerCompletedAsync(dc, beginning, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// While the inner dialog keeps waiting (most turns) its finished task is returned as it is: a check-in turn passes
    /// through here, and the two tasks made around it were a share of the turn's allocations.
    /// </remarks>
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var inner = CreateInnerContext(dc, dc.ActiveDialog!);
        var continuing = inner.ContinueDialogAsync(cancellationToken);
        if (continuing.IsCompletedSuccessfully && !EndsComponent(continuing.Result)) return continuing;
        return EndIfInnerCompletedAsync(dc, continuing, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        // A dialog this component started on the outer stack has ended: the inner active dialog goes on.
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken).ConfigureAwait(false);
        return DialogTurnResult.Waiting;
    }

    /// <inheritdoc />
    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        if (instance.Inner?.Stack is not [var active, ..]) return Task.CompletedTask;
        return _inner.Find(active.Id)?.RepromptDialogAsync(turnContext, active, cancellationToken) ?? Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken)
    {
        if (reason == DialogReason.CancelCalled && instance.Inner is { Stack.Count: > 0 } inner)
        {
            var dc = new DialogContext(_inner, turnContext, inner);
            await dc.CancelAllDialogsAsync(cancellationToken).ConfigureAwait(false);
        }
        await OnEndDialogAsync(turnContext, instance, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Hook for components that clean up when they end.</summary>
    protected virtual Task OnEndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    private static Task<DialogTurnResult> EndIfInnerCompletedAsync(DialogContext dc, DialogTurnResult inner, CancellationToken cancellationToken) =>
        EndsComponent(inner)
            ? dc.EndDialogAsync(inner.Result, cancellationToken)
            : Task.FromResult(inner);

    private static async Task<DialogTurnResult> EndIfInnerCompletedAsync(DialogContext dc, Task<DialogTurnResult> inner, CancellationToken cancellationToken) =>
        await EndIfInnerCompletedAsync(dc, await inner.ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>The inner stack has nothing left waiting, so this component ends with the inner result.</summary>
    private static bool EndsComponent(DialogTurnResult inner) =>
        inner.Status is DialogTurnStatus.Complete or DialogTurnStatus.Cancelled or DialogTurnStatus.Empty;
}
