using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using TrustBot.Journey;
using TrustBot.Journey.Steps;
using TrustBot.State;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

/// <summary>The moves, storage reads and setups shared by the journey's conversation tests (steps, check-ins, wins, progress).</summary>
internal static class JourneyTestSupport
{
    /// <summary>A whole check-in for a person with no boundaries and no weekly commitment.</summary>
    public static TestFlow CheckIn(this TestFlow flow, string trust, string communication = "About the same", string win = "skip", string setback = "skip") => flow
        .Send("check in").SkipReplies()
        .Send(trust).SkipReplies()
        .Send(communication).SkipReplies()
        .Send(win).SkipReplies()
        .Send(setback).SkipReplies();

    /// <summary>Lets time pass between turns.</summary>
    public static TestFlow Advance(this TestFlow flow, JourneyHarness h, TimeSpan by) => flow.Do(() =>
    {
        h.Clock.Advance(by);
        return Task.CompletedTask;
    });

    /// <summary>Onboarding up to the time zone question (daily reminders at 7pm), which has just been asked.</summary>
    public static TestFlow AtTheTimeZoneQuestion(this JourneyHarness h) => h.Flow()
        .Send("hi").SkipReplies().Send("yes").SkipReplies().Send("Sam").SkipReplies().Send("I was hurt").SkipReplies()
        .Send("Dishonesty").SkipReplies().Send("yes").SkipReplies().Send("every day").SkipReplies()
        .Send("7pm").AssertReplyContains("Which time zone are you in?");

    /// <summary>Onboarding like <see cref="JourneyHarness.Onboarded"/>, but with daily reminders in <paramref name="city"/>, or none.</summary>
    public static TestFlow OnboardedIn(this JourneyHarness h, string role, string? city)
    {
        var flow = h.Flow()
            .Send("hi").SkipReplies().Send("Yes").SkipReplies().Send("Sam").SkipReplies()
            .Send(role).SkipReplies().Send("Dishonesty").SkipReplies().Send("Yes").SkipReplies();
        flow = city is null
            ? flow.Send("No reminders").SkipReplies()
            : flow.Send("Every day").SkipReplies().Send("7pm").SkipReplies().Send(city).SkipReplies();
        return flow.Send("Show me the menu").SkipReplies();
    }

    /// <summary>The records of a kind, in row order.</summary>
    public static async Task<List<Stored<T>>> RowsAsync<T>(this JourneyHarness h, string kind, JsonTypeInfo<T> typeInfo) =>
        (await h.Storage.QueryAsync(h.Partition, kind + "/", int.MaxValue, default))
            .Select(r => new Stored<T>(r.Key.Row, JsonSerializer.Deserialize(r.Value.Json, typeInfo)!))
            .ToList();

    /// <summary>The records of a kind, in row order, without their row keys.</summary>
    public static async Task<List<T>> RecordsAsync<T>(this JourneyHarness h, string kind, JsonTypeInfo<T> typeInfo) =>
        [.. (await h.RowsAsync(kind, typeInfo)).Select(r => r.Record)];

    public static Task<List<Stored<JournalEntry>>> JournalAsync(this JourneyHarness h) => h.RowsAsync(RecordKinds.Journal, JourneyJson.Default.JournalEntry);

    public static Task<List<Stored<BoundaryRecord>>> BoundariesAsync(this JourneyHarness h) => h.RowsAsync(RecordKinds.Boundary, JourneyJson.Default.BoundaryRecord);

    /// <summary>Writes boundaries straight into storage, as an earlier visit would have.</summary>
    public static async Task SeedBoundariesAsync(this JourneyHarness h, params (string Behaviour, string Consequence)[] boundaries)
    {
        var writes = boundaries.Select((b, i) => new StorageWrite(
            new StorageKey(h.Partition, BoundaryRows.RowKey(i + 1)),
            JsonSerializer.Serialize(new BoundaryRecord { Behaviour = b.Behaviour, Consequence = b.Consequence, At = h.Clock.GetUtcNow() }, JourneyJson.Default.BoundaryRecord),
            ETags.Any)).ToList();
        await h.Storage.WriteAsync(writes, default);
    }

    /// <summary>Every text the bot has sent so far, cards included.</summary>
    public static IEnumerable<string> AllSentText(this JourneyHarness h) => h.Adapter.Sent.Select(TestFlow.TextOf);
}
