using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using TrustBot.Bot;
using TrustBot.Bot.Channel;

namespace TrustBot.Tests.Connector;

public sealed class ConnectorTelemetryTests
{
    [Fact]
    public async Task Each_call_records_its_operation_and_final_status_and_a_client_span()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var harness = ConnectorHarness.Create(null);
        // Unique ids tell this test's spans from those of tests running alongside.
        var conversation = "telemetry-" + Guid.NewGuid().ToString("N");
        var calls = new ConcurrentBag<(string Operation, int Status)>();
        var spans = new ConcurrentBag<System.Diagnostics.Activity>();
        using var meters = new MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BotTelemetry.Name && instrument.Name == "trustbot.outbound.calls") listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? operation = null;
            var status = -1;
            foreach (var tag in tags)
            {
                if (tag.Key == "operation") operation = tag.Value as string;
                if (tag.Key == "status" && tag.Value is int s) status = s;
            }
            if (operation is not null) calls.Add((operation, status));
        });
        meters.Start();
        using var traces = new ActivityListener
        {
            ShouldListenTo = source => source.Name == BotTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Add,
        };
        ActivitySource.AddActivityListener(traces);
        channel.Respond(ScriptedResponse.Error(403, "BotDisabledByAdmin"));

        await Assert.ThrowsAsync<ChannelSendException>(() => harness.Client.SendAsync(ConnectorHarness.Message(channel.Url, conversation, replyToId: "in-1"), CancellationToken.None));
        await harness.Client.SendAsync(ConnectorHarness.Message(channel.Url, conversation, replyToId: "in-2"), CancellationToken.None);
        await harness.Client.DeleteAsync(channel.Url, conversation, "out-1", CancellationToken.None);

        Assert.Contains(("reply", 403), calls);
        Assert.Contains(("reply", 200), calls);
        Assert.Contains(("delete", 200), calls);
        var replySpans = spans.Where(s => s.OperationName == "connector reply" && s.Kind == ActivityKind.Client).ToList();
        Assert.Contains(replySpans, s => (int?)s.GetTagItem("http.response.status_code") == 403 && s.Status == ActivityStatusCode.Error);
        Assert.Contains(replySpans, s => (int?)s.GetTagItem("http.response.status_code") == 200 && s.Status == ActivityStatusCode.Ok);
        Assert.Contains(spans, s => s.OperationName == "connector delete");
        // Spans carry the operation and status, never ids or text.
        Assert.DoesNotContain(spans.SelectMany(s => s.TagObjects), t => t.Value is string v && (v.Contains(conversation, StringComparison.Ordinal) || v.Contains("hello", StringComparison.Ordinal)));
    }
}
