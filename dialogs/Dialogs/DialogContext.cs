using TrustBot.Turns;

namespace TrustBot.Dialogs;

/// <summary>
/// Runs the dialogs of one <see cref="DialogSet"/> over a persisted stack for the current turn:
/// begin, continue, replace, end and cancel.
/// </summary>
public sealed class DialogContext
{
    internal DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state, DialogContext? parent = null)
    {
        Dialogs = dialogs;
        Context = turnContext;
        State = state;
        Parent = parent;
    }

    /// <summary>The dialogs this context can start.</summary>
    public DialogSet Dialogs { get; }

    /// <summary>The current turn.</summary>
    public ITurnContext Context { get; }

    /// <summary>The persisted stack.</summary>
    public DialogState State { get; }

    /// <summary>The context of the component dialog that owns this one, if any.</summary>
    public DialogContext? Parent { get; }

    /// <summary>The dialogs on the stack, active first.</summary>
    public IReadOnlyList<DialogInstance> Stack => State.Stack;

    /// <summary>The active dialog's instance, or null when the stack is empty.</summary>
    public DialogInstance? ActiveDialog => State.Stack.Count > 0 ? State.Stack[0] : null;

    /// <summary>Pushes the dialog on the stack and starts it.</summary>
    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options, CancellationToken cancellationToken)
    {
        var dialog = FindDialog(dialogId)
            ?? throw new InvalidOperationException($"No dialog with id '{dialogId}' is reachable from here; add it to the DialogSet (or the component) that starts it.");
        State.Stack.Insert(0, new DialogInstance { Id = dialogId });
        return dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    /// <summary>Starts a prompt with its options.</summary>
    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken) =>
        BeginDialogAsync(dialogId, options, cancellationToken);

    /// <summary>Passes the turn's activity to the active dialog.</summary>
    /// <remarks>
    /// Not an async method: the dialog's own task is the result, and a turn passes through here at every level of the
    /// stack, where a wrapping task was an allocation each time.
    /// </remarks>
    public Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken)
    {
        if (ActiveDialog is not { } instance) return Task.FromResult(new DialogTurnResult(DialogTurnStatus.Empty));
        var dialog = FindDialog(instance.Id);
        if (dialog is null)
        {
            // A stored stack can name a dialog a newer version of the bot no longer has; start clean rather than fail every turn.
            State.Stack.Clear();
            return Task.FromResult(new DialogTurnResult(DialogTurnStatus.Empty));
        }
        return dialog.ContinueDialogAsync(this, cancellationToken);
    }

    /// <summary>Ends the active dialog and resumes its parent with the result.</summary>
    /// <remarks>When the ending finished at once (it almost always does), the parent's task is returned as it is, not wrapped in another.</remarks>
    public Task<DialogTurnResult> EndDialogAsync(object? result, CancellationToken cancellationToken)
    {
        var ending = EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken);
        return ending.IsCompletedSuccessfully ? ResumeParentAsync(result, cancellationToken) : EndThenResumeAsync(ending, result, cancellationToken);
    }

    private async Task<DialogTurnResult> EndThenResumeAsync(Task ending, object? result, CancellationToken cancellationToken)
    {
        await ending.ConfigureAwait(false);
        return await ResumeParentAsync(result, cancellationToken).ConfigureAwait(false);
    }

    private Task<DialogTurnResult> ResumeParentAsync(object? result, CancellationToken cancellationToken) =>
        ActiveDialog is { } parent && FindDialog(parent.Id) is { } dialog
            ? dialog.ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken)
            : Task.FromResult(new DialogTurnResult(DialogTurnStatus.Complete, result));

    /// <summary>Ends the active dialog and starts another in its place (loops without growing the stack).</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options, CancellationToken cancellationToken)
    {
        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken).ConfigureAwait(false);
        return await BeginDialogAsync(dialogId, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends every dialog on the stack.</summary>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken)
    {
        if (State.Stack.Count == 0) return new DialogTurnResult(DialogTurnStatus.Empty);
        while (State.Stack.Count > 0) await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken).ConfigureAwait(false);
        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Asks the active dialog to repeat its pending question.</summary>
    public Task RepromptDialogAsync(CancellationToken cancellationToken) =>
        ActiveDialog is { } instance && FindDialog(instance.Id) is { } dialog
            ? dialog.RepromptDialogAsync(Context, instance, cancellationToken)
            : Task.CompletedTask;

    /// <summary>Finds a dialog here or in an enclosing component.</summary>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    /// <summary>The dialogs of the active path, from the outermost to the innermost, across components.</summary>
    public IEnumerable<Dialog> OpenDialogs()
    {
        var dc = this;
        while (dc.ActiveDialog is { } active && dc.FindDialog(active.Id) is { } dialog)
        {
            yield return dialog;
            if (dialog is not ComponentDialog component) yield break;
            dc = component.CreateInnerContext(dc, active);
        }
    }

    /// <summary>The ids of the stack from the outermost dialog to the innermost, across components.</summary>
    public IReadOnlyList<string> ActiveDialogPath()
    {
        var path = new List<string>();
        var dc = this;
        while (dc.ActiveDialog is { } active)
        {
            path.Add(active.Id);
            if (dc.FindDialog(active.Id) is ComponentDialog component) dc = component.CreateInnerContext(dc, active);
            else break;
        }
        return path;
    }

    /// <summary>The options of the question waiting for an answer (the innermost active prompt), or null when no prompt is waiting.</summary>
    public PromptOptions? ActivePromptOptions() => ActivePrompt() is { } active ? active.Prompt.OptionsOf(active.Instance) : null;

    /// <summary>True when the question waiting for an answer takes <paramref name="input"/> as a structured value of its
    /// kind (see <see cref="IPromptDialog.IsStructuredAnswer"/>).</summary>
    public bool ActivePromptTakesAsStructuredAnswer(string input) =>
        ActivePrompt() is { } active && active.Prompt.IsStructuredAnswer(input, active.Prompt.OptionsOf(active.Instance), Context);

    /// <summary>The innermost active prompt and its instance, through any component dialogs; null when none is waiting.</summary>
    private (IPromptDialog Prompt, DialogInstance Instance)? ActivePrompt()
    {
        var dc = this;
        while (dc.ActiveDialog is { } active)
        {
            switch (dc.FindDialog(active.Id))
            {
                case ComponentDialog component:
                    dc = component.CreateInnerContext(dc, active);
                    break;
                case IPromptDialog prompt:
                    return (prompt, active);
                default:
                    return null;
            }
        }

        return null;
    }

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        if (ActiveDialog is not { } instance) return;
        if (FindDialog(instance.Id) is { } dialog)
            await dialog.EndDialogAsync(Context, instance, reason, cancellationToken).ConfigureAwait(false);
        State.Stack.RemoveAt(0);
    }
}
