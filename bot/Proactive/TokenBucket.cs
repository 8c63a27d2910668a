namespace TrustBot.Bot.Proactive;

/// <summary>At most <c>rate</c> sends a second, with bursts up to the same number.</summary>
internal sealed class TokenBucket(int rate, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private double _tokens = rate;
    private long _last = clock.GetTimestamp();

    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = clock.GetTimestamp();
                _tokens = Math.Min(rate, _tokens + clock.GetElapsedTime(_last, now).TotalSeconds * rate);
                _last = now;
                if (_tokens >= 1)
                {
                    _tokens -= 1;
                    return;
                }
                wait = TimeSpan.FromSeconds((1 - _tokens) / rate);
            }
            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
