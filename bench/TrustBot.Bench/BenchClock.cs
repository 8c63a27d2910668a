namespace TrustBot.Bench;

/// <summary>
/// A clock the benchmark moves by one day per check-in, so every check-in is a normal daily one
/// (streak grows, the reminder index row moves) rather than many check-ins on the same day.
/// </summary>
internal sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;
}
