using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Testing;

namespace TrustBot.Tests.Dialogs;

/// <summary>
/// Dialog stacks people already have in storage were written while step state was a JSON tree (and with the
/// choices' derived display fields). They must go on loading: the person carries on where they were.
/// </summary>
public sealed class StoredStackFormatTests
{
    private const string Partition = "test/users/user1";

    // Stored by the earlier version mid check-in: trust answered (7), the communication question waiting.
    private const string EarlierStack = """
            {"dialogs":{"stack":[{"id":"CheckInDialog","state":{},"inner":{"stack":[{"id":"checkIn.choice","state":{"options":{"prompt":{"type":"message","text":"Thank you. How has communication between you been since last time?"},"retryPrompt":{"type":"message","text":"\u0022Better\u0022 if talking has felt easier, \u0022About the same\u0022 if not much changed, \u0022Worse\u0022 if it\u0027s been harder. If you can\u0027t say, choose \u0022Not sure\u0022 or type skip."},"choices":[{"value":"better","title":"Better","synonyms":["improved","good","better than before","great","much better"],"display":"Better","buttonValue":"better"},{"value":"same","title":"About the same","synonyms":["same","the same","no change","similar","ok","okay","fine","meh","nothing changed","alright"],"display":"About the same","buttonValue":"same"},{"value":"worse","title":"Worse","synonyms":["bad","not good","harder","terrible","awful","rough","tense"],"display":"Worse","buttonValue":"worse"},{"value":"unsure","title":"Not sure","synonyms":["not sure","unsure","dont know","don\u0027t know","idk","skip"],"display":"Not sure","buttonValue":"unsure"}],"style":"Auto","maxRetries":2},"attempts":0}},{"id":"checkIn","state":{"step":1,"values":{},"data":{"trust":7}}}]}}]},"$turn":"in-25"}
            """;

    private const string EarlierProfile = """
            {"profile":{"consented":true,"consentedAt":"2026-11-02T18:00:00+00:00","onboardingDone":true,"name":"Sam","role":"Hurt","breach":"Dishonesty","partnerInvolved":"Yes","rhythm":"Daily","reminderTime":"19:00:00","timeZone":"Europe/London","stepsDone":[],"checkInCount":0,"streak":0,"winCount":0,"boundaryCount":0,"spaceOpenEnded":false,"proactiveStopped":false,"lastSeenAt":"2026-11-02T18:00:00+00:00","lastConversationKey":"test|conversation1|https://test.trustbot.invalid/","channelBlocked":false,"scheduledDueKey":"due/202611021900","scheduledKind":"CheckInReminder","celebratedStreak":0,"celebratedSteps":0,"nextStep":1},"$turn":"in-18"}
            """;

    private const string Consent = """
            {"at":"2026-11-02T18:00:00+00:00","given":true}
            """;

    private const string Reference = """
            {"user":{"id":"user1","name":"Sam","role":"user"},"bot":{"id":"bot","name":"TrustBot","role":"bot"},"conversation":{"id":"conversation1","conversationType":"personal"},"channelId":"test","serviceUrl":"https://test.trustbot.invalid/","locale":"en-US","serviceUrlVerified":false}
            """;

    private static async Task<(TestAdapter Adapter, TrustBotHandler Bot, MemoryStorage Storage)> PersonMidCheckInAsync()
    {
        var storage = new MemoryStorage();
        await storage.WriteAsync(
        [
            new StorageWrite(new StorageKey(Partition, "conversations/conversation1"), EarlierStack, null),
            new StorageWrite(new StorageKey(Partition, UserState.Row), EarlierProfile, null),
            new StorageWrite(new StorageKey(Partition, "consent"), Consent, null),
            new StorageWrite(new StorageKey(Partition, "reference"), Reference, null),
        ], default);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 2, 18, 5, 0, TimeSpan.Zero));
        return (new TestAdapter(clock), new TrustBotHandler(storage, clock, new JourneyOptions()), storage);
    }

    private static async Task<List<string>> SayAsync(TestAdapter adapter, TrustBotHandler bot, string text)
    {
        await adapter.ProcessActivityAsync(Activity.CreateMessage(text), bot.OnTurnAsync, default);
        var replies = new List<string>();
        while (adapter.NextReply() is { } reply) replies.Add(TestFlow.TextOf(reply));
        return replies;
    }

    [Fact]
    public async Task A_check_in_stored_by_the_earlier_version_carries_on_to_its_summary()
    {
        var (adapter, bot, _) = await PersonMidCheckInAsync();

        Assert.Contains(await SayAsync(adapter, bot, "better"), r => r.StartsWith("Is there a small win to celebrate", StringComparison.Ordinal));
        Assert.Contains(await SayAsync(adapter, bot, "skip"), r => r.StartsWith("And was there anything that felt like a setback", StringComparison.Ordinal));
        Assert.Contains(await SayAsync(adapter, bot, "skip"), r => r.StartsWith("Trust today: 7/10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_earlier_stack_is_written_back_in_the_same_shape_with_the_answer_added()
    {
        var (adapter, bot, storage) = await PersonMidCheckInAsync();

        await SayAsync(adapter, bot, "Better");

        var stored = (await storage.ReadAsync([new StorageKey(Partition, "conversations/conversation1")], default)).Values.Single().Json;
        var outer = JsonNode.Parse(stored)!["dialogs"]!["stack"]![0]!;
        Assert.Equal("CheckInDialog", (string?)outer["id"]);
        var flow = outer["inner"]!["stack"]!.AsArray().Single(d => (string?)d!["id"] == "checkIn")!;
        Assert.True((int?)flow["state"]!["step"] > 1, "the flow moved on past the communication question");
        Assert.Equal(7, (int?)flow["state"]!["data"]!["trust"]);
        Assert.Equal("better", (string?)flow["state"]!["data"]!["communication"]);
    }
}
