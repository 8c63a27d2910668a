namespace TrustBot.Journey;

/// <summary>
/// The private journal, the one way flows write to it and read it back. Entries are the person's own words: they are
/// shown only to them, in a one-to-one chat, and never logged.
/// </summary>
internal static class PrivateJournal
{
    /// <summary>Adds an entry under a step (0 for check-ins) and topic; it is saved with the turn.</summary>
    public static void Write(JourneySession journey, int step, string topic, string text) =>
        journey.Records.Add(RecordKinds.Journal, new JournalEntry { Step = step, Topic = topic, Text = text, At = journey.Now }, JourneyJson.Default.JournalEntry);

    /// <summary>The newest entries of a step and topic, for "what did I write last time?" (<see cref="NonAnswers.KeepQuestionOpen"/>).</summary>
    public static Func<JourneySession, CancellationToken, Task<IReadOnlyList<string>>> Earlier(int step, string topic, int count = 2) =>
        async (journey, ct) => (await journey.Records.LatestAsync(RecordKinds.Journal, 200, JourneyJson.Default.JournalEntry, ct).ConfigureAwait(false))
            .Where(e => e.Record.Step == step && e.Record.Topic == topic).Take(count).Select(e => e.Record.Text).ToList();
}
