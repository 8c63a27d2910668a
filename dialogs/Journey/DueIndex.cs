using System.Globalization;
using System.Text.Json;
using TrustBot.State;

namespace TrustBot.Journey;

/// <summary>
/// The due-time index: partition <c>due/yyyyMMddHHmm</c> (UTC minute), row = the person (escaped), so a
/// scheduler tick reads only the minutes that are due, whatever the number of people.
/// </summary>
/// <remarks>
/// The index row and the person's profile live in different partitions, so they are not written
/// atomically: an index row may briefly point at an outdated schedule (or a turn retried after a
/// conflict may leave an orphan). The profile's <see cref="JourneyProfile.ScheduledDueKey"/> is the
/// truth; the sender re-validates against the profile before it sends and drops rows that disagree.
/// </remarks>
internal static class DueIndex
{
    public const string PartitionPrefix = "due/";

    /// <summary>The index partition of a due minute.</summary>
    public static string PartitionFor(DateTimeOffset dueAt) =>
        PartitionPrefix + dueAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The person's row key: their partition as it is. The storage makes any key valid for itself (Table
    /// Storage escapes <c>/ \ # ?</c> and controls, and hashes long keys keeping the original).
    /// </summary>
    /// <remarks>
    /// Rows written before this key was plain carry a URI-escaped key. They need no migration: the sender
    /// reads whatever rows a due minute holds and checks each against the person's profile, so an old row
    /// is either sent and replaced by a plain one, or dropped as outdated when the schedule moved.
    /// </remarks>
    public static string RowFor(string person) => person;

    /// <summary>
    /// Recomputes the person's next message and, only when it changed (a fingerprint of due minute and
    /// kind), returns the writes that move their index row and records the new key in the profile.
    /// A typical turn returns nothing.
    /// </summary>
    /// <param name="profile">The person's profile; its scheduled key is updated when the row moves.</param>
    /// <param name="person">The person's partition.</param>
    /// <param name="now">The current time.</param>
    /// <param name="rules">Quiet hours and other rules.</param>
    /// <param name="deferLater">
    /// Leave the row where it is when the next message moved later (a check-in just done, say): when the
    /// old row comes due the sender finds it no longer due and reschedules, so the turn's state stays one
    /// write. Earlier or removed messages are always written at once.
    /// </param>
    public static IReadOnlyList<StorageWrite> Reschedule(JourneyProfile profile, string person, DateTimeOffset now, ReminderRules rules, bool deferLater = false)
    {
        var next = ReminderSchedule.Next(profile, now, rules);
        // Most turns leave the schedule as it is: that is recognised without building the key's text.
        if (next is not null && next.Milestone == MilestoneKind.None && IsPartition(profile.ScheduledDueKey, next.DueAt)
            && profile.ScheduledKind == next.Kind.ToString()) return [];
        var partition = next is null ? null : PartitionFor(next.DueAt);
        var kind = next is null ? null : Fingerprint(next);
        if (partition == profile.ScheduledDueKey && kind == profile.ScheduledKind) return [];
        // A row whose minute has passed was missed (no sender ran, or one crashed after claiming it): move it now.
        if (deferLater && partition is not null && profile.ScheduledDueKey is { } current
            && string.CompareOrdinal(partition, current) > 0
            && string.CompareOrdinal(current, PartitionFor(now)) >= 0) return [];

        var row = RowFor(person);
        var writes = new List<StorageWrite>(2);
        if (profile.ScheduledDueKey is { } old && old != partition)
            writes.Add(new StorageWrite(new StorageKey(old, row), null, ETags.Any));
        if (next is not null)
        {
            var entry = new DueEntry { Person = person, Kind = next.Kind, Milestone = next.Milestone, DueAt = next.DueAt };
            writes.Add(new StorageWrite(new StorageKey(partition!, row), JsonSerializer.Serialize(entry, ProactiveJson.Default.DueEntry), ETags.Any));
        }
        profile.ScheduledDueKey = partition;
        profile.ScheduledKind = kind;
        return writes;
    }

    private static bool IsPartition(string? key, DateTimeOffset dueAt)
    {
        Span<char> text = stackalloc char[PartitionPrefix.Length + 12];
        PartitionPrefix.CopyTo(text);
        return key is not null
            && dueAt.UtcDateTime.TryFormat(text[PartitionPrefix.Length..], out var written, "yyyyMMddHHmm", CultureInfo.InvariantCulture)
            && key.AsSpan().SequenceEqual(text[..(PartitionPrefix.Length + written)]);
    }

    private static string Fingerprint(DueMessage message) =>
        message.Milestone == MilestoneKind.None ? message.Kind.ToString() : $"{message.Kind}:{message.Milestone}";
}
