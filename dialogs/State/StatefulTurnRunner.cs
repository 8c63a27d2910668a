using TrustBot.Turns;

namespace TrustBot.State;

/// <summary>
/// Runs the bot's logic with state loaded once and saved once per turn. Replies are held until the
/// save succeeds; when another turn of the same person saved first (an ETag conflict), the state is
/// reloaded and the turn runs again, so neither message's changes are lost and nothing is sent twice.
/// </summary>
/// <remarks>
/// With <see cref="TurnLocks"/>, turns of one person in one conversation run one at a time in this
/// process, so conflicts come only from other instances (or the person's other conversations); those
/// are retried at once, then after a short random pause that grows with each attempt, so colliding instances drift
/// apart instead of colliding again.
/// </remarks>
internal sealed class StatefulTurnRunner
{
    /// <summary>Attempts a turn gets; enough for four simultaneous messages across two instances (tests/Integration).</summary>
    public const int DefaultMaxAttempts = 6;

    /// <summary>The second retry waits up to this long; each further one up to twice as long as the one before.</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromMilliseconds(20);

    private readonly BotStateSet _states;
    private readonly int _maxAttempts;
    private readonly TurnLocks? _locks;
    private readonly TimeProvider _clock;

    public StatefulTurnRunner(BotStateSet states, int maxAttempts = 3)
        : this(states, null, TimeProvider.System, maxAttempts)
    {
    }

    /// <param name="states">The scopes loaded and saved each turn.</param>
    /// <param name="locks">Serialises turns of a person in a conversation in this process; null runs them side by side.</param>
    /// <param name="clock">The clock of the pauses between attempts.</param>
    /// <param name="maxAttempts">Runs of a turn before a conflict is given up and reported.</param>
    public StatefulTurnRunner(BotStateSet states, TurnLocks? locks, TimeProvider clock, int maxAttempts = DefaultMaxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _states = states;
        _locks = locks;
        _clock = clock;
        _maxAttempts = maxAttempts;
    }

    /// <summary>How many times the turn ran (1 unless there were conflicts); for tests and telemetry.</summary>
    public sealed class Attempts
    {
        public int Count { get; set; }
    }

    public async Task RunAsync(ITurnContext turnContext, BotCallbackHandler logic, CancellationToken cancellationToken)
    {
        using var hold = _locks is null ? null : await _locks.EnterAsync(LockKey(turnContext.Activity), cancellationToken).ConfigureAwait(false);
        var attempts = new Attempts();
        turnContext.Services.Set(attempts);
        turnContext.Services.Set(new TurnIdentity(turnContext.Activity.Id is { Length: > 0 } id ? id : UniqueIds.Next()));
        BufferedTurnContext? failed = null;
        for (var attempt = 1; ; attempt++)
        {
            attempts.Count = attempt;
            var turn = new BufferedTurnContext(turnContext);
            turn.Services.Set(new PendingWrites());
            await _states.LoadAllAsync(turn, cancellationToken).ConfigureAwait(false);
            if (failed is not null && _states.Landed(failed, turn))
            {
                // The "conflict" was our own write, stored before the storage client gave up on its reply:
                // running the message again would apply it twice. Its replies are the ones to send.
                await failed.FlushAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            await logic(turn, cancellationToken).ConfigureAwait(false);
            try
            {
                await _states.SaveAllChangesAsync(turn, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageConflictException) when (attempt < _maxAttempts)
            {
                failed = turn;
                if (Backoff(attempt) is { Ticks: > 0 } pause) await Task.Delay(pause, _clock, cancellationToken).ConfigureAwait(false);
                continue;
            }
            _states.Release(turn);
            await turn.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
    }

    /// <summary>
    /// The first conflict reloads at once (one other writer got in first); from the second on, a random
    /// pause up to 20 ms, 40 ms, 80 ms … (full jitter), because repeated conflicts mean several writers are racing.
    /// </summary>
    internal static TimeSpan Backoff(int attempt) => attempt <= 1
        ? TimeSpan.Zero
        : TimeSpan.FromTicks((long)(RetryBaseDelay.Ticks * Math.Pow(2, attempt - 2) * Random.Shared.NextDouble()));

    private static string LockKey(Schema.Activity activity)
    {
        var partition = StateKeys.PersonPartition(activity);
        var conversation = activity.Conversation?.Id ?? "";
        // A thread mostly serves the same person's turns one after another: their key is made once, not on every turn.
        if (t_lastLockKey is { } last && last.Partition == partition && last.Conversation == conversation) return last.Key;
        var key = partition + "\n" + conversation;
        t_lastLockKey = (partition, conversation, key);
        return key;
    }

    [ThreadStatic] private static (string Partition, string Conversation, string Key)? t_lastLockKey;
}
