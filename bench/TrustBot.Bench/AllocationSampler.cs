using System.Diagnostics.Tracing;

namespace TrustBot.Bench;

/// <summary>
/// Which types a run allocates, from the runtime's allocation samples (one event about every 100 KB,
/// naming the type that crossed the mark): enough to see where a turn's bytes go without a profiler.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEventId = 10;
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private bool _listening;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
    }

    public void Start() => _listening = true;

    public void Stop() => _listening = false;

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_listening || e.EventId != AllocationTickEventId || e.Payload is null || e.PayloadNames is null) return;
        var name = e.PayloadNames.IndexOf("TypeName") is >= 0 and var t ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(e.Payload[a]) : 100_000;
        lock (_bytesByType) _bytesByType[name] = _bytesByType.GetValueOrDefault(name) + amount;
    }

    /// <summary>The types with the largest sampled share, largest first.</summary>
    public IReadOnlyList<(string Type, double Share)> Top(int count)
    {
        lock (_bytesByType)
        {
            var total = (double)_bytesByType.Values.Sum();
            return _bytesByType.OrderByDescending(p => p.Value).Take(count).Select(p => (p.Key, p.Value / total)).ToList();
        }
    }
}
