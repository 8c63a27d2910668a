using TrustBot.Turns;

namespace TrustBot.State;

/// <summary>
/// Runs the bot's logic with state loaded once and saved once per turn. Replies are held until the
/// save succeeds; when another turn of the same person saved first (an ETag conflict), the state is
/// reloaded and the turn runs again, so neither message's changes are lost and nothing is sent twice.
/// </summary>
public sealed class StatefulTurnRunner(BotStateSet states, int maxAttempts = 3)
{
    /// <summary>How many times the turn ran (1 unless there were conflicts); for tests and telemetry.</summary>
    public sealed class Attempts
    {
        public int Count { get; set; }
    }

    public async Task RunAsync(ITurnContext turnContext, BotCallbackHandler logic, CancellationToken cancellationToken)
    {
        var attempts = new Attempts();
        turnContext.Services.Set(attempts);
        for (var attempt = 1; ; attempt++)
        {
            attempts.Count = attempt;
            var turn = new BufferedTurnContext(turnContext);
            turn.Services.Set(new PendingWrites());
            await states.LoadAllAsync(turn, cancellationToken).ConfigureAwait(false);
            await logic(turn, cancellationToken).ConfigureAwait(false);
            try
            {
                await states.SaveAllChangesAsync(turn, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException) when (attempt < maxAttempts)
            {
                continue;
            }
            await turn.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
    }
}
