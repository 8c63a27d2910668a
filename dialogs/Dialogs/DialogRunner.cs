using TrustBot.State;
using TrustBot.Turns;

namespace TrustBot.Dialogs;

/// <summary>What an interruption did with the turn.</summary>
public enum InterruptionResult
{
    /// <summary>Nothing to interrupt: the active dialog gets the turn.</summary>
    Continue,

    /// <summary>The interruption answered the turn (and may have started or cancelled dialogs).</summary>
    Handled,
}

/// <summary>Runs before the active dialog on every turn: global commands, safety, and so on.</summary>
internal interface IInterruptionHandler
{
    /// <summary>Looks at the turn first; may answer it, start a dialog or cancel the stack.</summary>
    Task<InterruptionResult> InterruptAsync(DialogContext dc, CancellationToken cancellationToken);
}

/// <summary>
/// Runs a turn through a dialog set: loads the stack from state, lets the interruption handler act
/// first, then continues the active dialog.
/// </summary>
internal sealed class DialogRunner(DialogSet dialogs, IStatePropertyAccessor<DialogState> stackAccessor, IInterruptionHandler? interruptions = null)
{
    /// <summary>The dialogs this runner can start.</summary>
    public DialogSet Dialogs { get; } = dialogs;

    /// <summary>Creates the dialog context for the turn from the persisted stack.</summary>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var state = await stackAccessor.GetAsync(turnContext, () => new DialogState(), cancellationToken).ConfigureAwait(false);
        return Dialogs.CreateContext(turnContext, state);
    }

    /// <summary>
    /// Runs the turn and returns its result with the dialog context, for starting what comes next. The result
    /// is <see cref="DialogTurnStatus.Empty"/> when no dialog was active and none was interrupted.
    /// </summary>
    public async Task<(DialogTurnResult Result, DialogContext Context)> RunAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var dc = await CreateContextAsync(turnContext, cancellationToken).ConfigureAwait(false);
        return (await RunAsync(dc, cancellationToken).ConfigureAwait(false), dc);
    }

    /// <summary>Runs the turn in a context created this turn (see <see cref="CreateContextAsync"/>).</summary>
    /// <remarks>
    /// Most turns are not interrupted, and the check finishes at once: then the active dialog's own task is returned
    /// instead of one made around it (this runs on every message).
    /// </remarks>
    public Task<DialogTurnResult> RunAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (interruptions is null) return dc.ContinueDialogAsync(cancellationToken);
        var interrupting = interruptions.InterruptAsync(dc, cancellationToken);
        if (interrupting.IsCompletedSuccessfully && interrupting.Result == InterruptionResult.Continue) return dc.ContinueDialogAsync(cancellationToken);
        return RunAfterInterruptionAsync(dc, interrupting, cancellationToken);
    }

    private static async Task<DialogTurnResult> RunAfterInterruptionAsync(DialogContext dc, Task<InterruptionResult> interrupting, CancellationToken cancellationToken)
    {
        if (await interrupting.ConfigureAwait(false) == InterruptionResult.Handled)
            return dc.ActiveDialog is null ? new DialogTurnResult(DialogTurnStatus.Complete) : DialogTurnResult.Waiting;
        return await dc.ContinueDialogAsync(cancellationToken).ConfigureAwait(false);
    }
}
