using System.Globalization;
using TrustBot.Dialogs;

namespace TrustBot.Journey.Steps;

/// <summary>
/// The person's boundaries as rows with fixed keys ("boundary/0001", …) so that each can be edited or
/// removed in place; shared by step 3 and the boundaries review.
/// </summary>
internal static class BoundaryRows
{
    /// <summary>The most boundaries a person keeps at once.</summary>
    public const int Max = 20;

    /// <summary>The longest behaviour or consequence text.</summary>
    public const int MaxTextLength = 300;

    /// <summary>The row key of the boundary with this sequence number.</summary>
    public static string RowKey(int sequence) => $"{RecordKinds.Boundary}/{sequence.ToString("D4", CultureInfo.InvariantCulture)}";

    /// <summary>The sequence number in a row key, or 0 for rows not written by <see cref="RowKey"/>.</summary>
    public static int SequenceOf(string row) =>
        row.StartsWith(RecordKinds.Boundary + "/", StringComparison.Ordinal)
        && int.TryParse(row.AsSpan(RecordKinds.Boundary.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>The person's boundaries in the order they were set (including changes queued this turn).</summary>
    public static Task<IReadOnlyList<Stored<BoundaryRecord>>> LoadAsync(JourneySession journey, CancellationToken cancellationToken) =>
        journey.Records.LatestAsync(RecordKinds.Boundary, Max + 1, JourneyJson.Default.BoundaryRecord, cancellationToken);

    /// <summary>The sequence number after the highest in use.</summary>
    public static int NextSequence(IEnumerable<string> rows) => rows.Select(SequenceOf).DefaultIfEmpty(0).Max() + 1;

    /// <summary>Writes a boundary at its fixed row.</summary>
    public static void Save(JourneySession journey, string row, BoundaryRecord boundary) =>
        journey.Records.Put(row, boundary, JourneyJson.Default.BoundaryRecord);

    /// <summary>"1. Checking my phone → we talk it through the same day".</summary>
    public static string Numbered(IReadOnlyList<Stored<BoundaryRecord>> boundaries) =>
        string.Join("\n", boundaries.Select((b, i) => $"{i + 1}. {b.Record.Behaviour} → {b.Record.Consequence}"));

    /// <summary>The question for the behaviour that is not OK.</summary>
    public static PromptOptions BehaviourPrompt(string question) =>
        PromptOptions.Ask(question, $"Describe the behaviour in a short sentence (up to {MaxTextLength} characters).").Between(1, MaxTextLength);

    /// <summary>The question for the agreed consequence.</summary>
    public static PromptOptions ConsequencePrompt(string question) =>
        PromptOptions.Ask(question, $"Describe the consequence in a short sentence (up to {MaxTextLength} characters).").Between(1, MaxTextLength);
}
