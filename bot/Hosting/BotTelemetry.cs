using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace TrustBot.Bot;

/// <summary>Traces and metrics of turns and outbound calls. Tags never carry message text or names.</summary>
internal static class BotTelemetry
{
    public const string Name = "TrustBot";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("trustbot.turn.duration", "ms", "Time to run one turn");
    private static readonly Counter<long> OutboundCalls = Meter.CreateCounter<long>("trustbot.outbound.calls", description: "Calls to channels and token endpoints");

    public static void RecordTurn(TimeSpan elapsed, string activityType, string outcome) =>
        TurnDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("activity.type", activityType), new KeyValuePair<string, object?>("outcome", outcome));

    public static void RecordOutbound(string operation, int status) =>
        OutboundCalls.Add(1, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("status", status));
}
