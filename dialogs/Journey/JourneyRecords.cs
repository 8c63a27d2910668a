using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using TrustBot.State;

namespace TrustBot.Journey;

/// <summary>The kinds of journey records; each is a row-key prefix in the person's partition.</summary>
internal static class RecordKinds
{
    public const string Journal = "journal";
    public const string CheckIn = "checkin";
    public const string Win = "win";
    public const string Boundary = "boundary";
    public const string Apology = "apology";
    public const string Talk = "talk";
    public const string Safety = "safety";
    public const string Reference = "reference";
    public const string Consent = "consent";

    public static readonly IReadOnlyList<string> All = [Journal, CheckIn, Win, Boundary, Apology, Talk, Safety, Reference, Consent];
}

/// <summary>
/// The person's records (journal entries, check-ins, wins, boundaries, apology drafts, planned talks,
/// safety events, conversation reference), all rows of the person's partition. Additions are queued
/// and saved with the turn's state in one write; row keys count down in time so "newest N of a kind"
/// is one range query.
/// </summary>
internal sealed class JourneyRecords(IStorage storage, string partition, PendingWrites pending, TimeProvider clock)
{
    /// <summary>The person's partition.</summary>
    public string Partition { get; } = partition;

    /// <summary>Queues a new record of <paramref name="kind"/>, newest first in its kind. Returns its row key.</summary>
    public string Add<T>(string kind, T record, JsonTypeInfo<T> typeInfo)
    {
        var row = NewestFirstRow(kind, clock.GetUtcNow());
        pending.Writes.Add(new StorageWrite(new StorageKey(Partition, row), JsonSerializer.Serialize(record, typeInfo), ETags.New));
        return row;
    }

    /// <summary>Queues a write of a record at a known row key (create or replace).</summary>
    public void Put<T>(string row, T record, JsonTypeInfo<T> typeInfo) =>
        pending.Writes.Add(new StorageWrite(new StorageKey(Partition, row), JsonSerializer.Serialize(record, typeInfo), ETags.Any));

    /// <summary>Queues the removal of a record.</summary>
    public void Remove(string row) => pending.Writes.Add(new StorageWrite(new StorageKey(Partition, row), null, ETags.Any));

    /// <summary>The newest <paramref name="count"/> records of a kind, newest first (including ones queued this turn).</summary>
    public async Task<IReadOnlyList<Stored<T>>> LatestAsync<T>(string kind, int count, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var prefix = kind + "/";
        var rows = await storage.QueryAsync(Partition, prefix, count, cancellationToken).ConfigureAwait(false);
        var result = pending.Writes
            .Where(w => w.Json is not null && w.Key.Row.StartsWith(prefix, StringComparison.Ordinal))
            .Select(w => new KeyValuePair<StorageKey, StoreItem>(w.Key, new StoreItem(w.Json!, null)))
            .Concat(rows)
            .Where(r => !pending.Writes.Any(w => w.Json is null && w.Key == r.Key))
            .DistinctBy(r => r.Key.Row)
            .OrderBy(r => r.Key.Row, StringComparer.Ordinal)
            .Take(count)
            .Select(r => new Stored<T>(r.Key.Row, JsonSerializer.Deserialize(r.Value.Json, typeInfo)!))
            .ToList();
        return result;
    }

    /// <summary>Every row stored about the person, as one JSON object grouped by kind.</summary>
    public async Task<JsonObject> ExportAsync(CancellationToken cancellationToken)
    {
        var rows = await storage.QueryAsync(Partition, "", int.MaxValue, cancellationToken).ConfigureAwait(false);
        var export = new JsonObject();
        foreach (var (key, item) in rows)
        {
            var slash = key.Row.IndexOf('/');
            var kind = slash < 0 ? key.Row : key.Row[..slash];
            if (kind == "conversations") kind = "conversationState";
            if (export[kind] is not JsonArray list) export[kind] = list = [];
            JsonNode? content;
            try
            {
                content = JsonNode.Parse(item.Json);
            }
            catch (JsonException)
            {
                content = item.Json;
            }
            list.Add(new JsonObject { ["key"] = key.Row, ["content"] = content });
        }
        return export;
    }

    /// <summary>Erases every row of the person. Returns how many were deleted.</summary>
    public Task<int> DeleteAllAsync(CancellationToken cancellationToken)
    {
        pending.Writes.Clear();
        return storage.DeletePartitionAsync(Partition, cancellationToken);
    }

    /// <summary>A row key that sorts newer records first: the kind, then ticks counting down, then a random tail.</summary>
    public static string NewestFirstRow(string kind, DateTimeOffset at)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        return $"{kind}/{inverted}/{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
    }
}

/// <summary>A record and its row key.</summary>
internal sealed record Stored<T>(string Row, T Record);
