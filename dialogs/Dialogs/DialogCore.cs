using TrustBot.Turns;

namespace TrustBot.Dialogs;

/// <summary>Where the dialog stack stands after a turn.</summary>
public enum DialogTurnStatus
{
    /// <summary>No dialog was active.</summary>
    Empty,

    /// <summary>The active dialog waits for the person's next message.</summary>
    Waiting,

    /// <summary>The last dialog on the stack ended.</summary>
    Complete,

    /// <summary>The stack was cancelled.</summary>
    Cancelled,
}

/// <summary>The result of beginning or continuing a dialog.</summary>
/// <param name="Status">Where the stack stands.</param>
/// <param name="Result">The value the ending dialog returned, if any.</param>
public sealed record DialogTurnResult(DialogTurnStatus Status, object? Result = null)
{
    /// <summary>The shared "waiting for input" result.</summary>
    public static DialogTurnResult Waiting { get; } = new(DialogTurnStatus.Waiting);

    /// <summary><see cref="Waiting"/> as a finished task, shared: a prompt that has asked returns it rather than making one per question.</summary>
    internal static Task<DialogTurnResult> WaitingTask { get; } = Task.FromResult(Waiting);
}

/// <summary>Why a dialog is ending.</summary>
public enum DialogReason
{
    /// <summary>The dialog finished normally.</summary>
    EndCalled,

    /// <summary>The dialog is replaced by another.</summary>
    ReplaceCalled,

    /// <summary>The whole stack is being cancelled.</summary>
    CancelCalled,
}

/// <summary>One entry of the dialog stack: which dialog, and its persisted state.</summary>
public sealed class DialogInstance
{
    /// <summary>The id of the dialog in its <see cref="DialogSet"/>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The dialog's own state; persisted between turns.</summary>
    public DialogInstanceState State
    {
        get => _state;
        set => _state = value ?? new DialogInstanceState(); // a stored "state": null starts the dialog's state empty
    }

    private DialogInstanceState _state = new();

    /// <summary>The inner stack of a component dialog; null for other dialogs.</summary>
    public DialogState? Inner { get; set; }
}

/// <summary>The persisted dialog stack of one conversation (top of stack first).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(DialogStateConverter))]
public sealed class DialogState
{
    /// <summary>The stack; index 0 is the active dialog.</summary>
    public List<DialogInstance> Stack { get; set; } = [];
}

/// <summary>Base of every dialog: a unit of conversation that can span several turns.</summary>
public abstract class Dialog
{
    /// <summary>Creates a dialog with the given id.</summary>
    protected Dialog(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>The id this dialog is found by in its <see cref="DialogSet"/>.</summary>
    public string Id { get; }

    /// <summary>Starts the dialog; <paramref name="options"/> are whatever the caller passed.</summary>
    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken);

    /// <summary>Handles the person's next activity while this dialog is active. By default the dialog ends.</summary>
    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(null, cancellationToken);

    /// <summary>Called when a child dialog this dialog started has ended. By default this dialog ends with the child's result.</summary>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(result, cancellationToken);

    /// <summary>Asks the pending question again (after an interruption such as help).</summary>
    public virtual Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called as the dialog leaves the stack.</summary>
    public virtual Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>A named collection of dialogs that can start each other.</summary>
public sealed class DialogSet
{
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    /// <summary>Adds a dialog; ids must be unique within the set.</summary>
    public DialogSet Add(Dialog dialog)
    {
        if (!_dialogs.TryAdd(dialog.Id, dialog))
            throw new InvalidOperationException($"A dialog with id '{dialog.Id}' is already in this set; give each dialog a unique id.");
        return this;
    }

    /// <summary>Finds a dialog by id, or null.</summary>
    public Dialog? Find(string id) => _dialogs.GetValueOrDefault(id);

    /// <summary>Creates the context for running this set's dialogs over a persisted stack.</summary>
    public DialogContext CreateContext(ITurnContext turnContext, DialogState state) => new(this, turnContext, state);
}
