using TrustBot.Journey;
using TrustBot.State;

namespace TrustBot.Tests.Journey;

/// <summary>
/// A storage client that times out after the service stored its batch retries it and meets the ETag its
/// own write made: a conflict that is not another writer's. The message must count once.
/// </summary>
public sealed class LandedWriteTests
{
    [Fact]
    public async Task An_answer_whose_save_landed_before_a_conflict_was_reported_counts_once_and_is_answered_once()
    {
        var storage = new LandsThenConflictsStorage(new MemoryStorage());
        var record = await CheckInWhoseAnswerSaveIsReportedAsConflictAsync(new JourneyHarness(storage), () => storage.Armed = true);

        Assert.Equal(1, storage.LandedConflicts);
        Assert.Equal(("better", false, false), (record.Communication, record.HadWin, record.HadSetback));
    }

    /// <summary>
    /// A check-in whose "better" is saved and then reported as a conflict (<paramref name="arm"/> makes the next
    /// save do that): each question is asked once and the stored check-in is returned.
    /// </summary>
    internal static async Task<CheckInRecord> CheckInWhoseAnswerSaveIsReportedAsConflictAsync(JourneyHarness h, Action arm)
    {
        await h.Onboarded("I was hurt")
            .Send("check in").AssertReplyContains("how much do you trust your partner today?")
            .Send("6").AssertReply("Thank you. How has communication between you been since last time?")
            .Do(() =>
            {
                arm();
                return Task.CompletedTask;
            })
            .Send("better").AssertReply("Is there a small win to celebrate, however small? Type it, or skip.")
            .AssertNoReply()
            .Send("skip").AssertReplyContains("anything that felt like a setback")
            .AssertNoReply()
            .Send("skip").AssertReplyContains("Trust today: 6/10")
            .StartTestAsync();
        return Assert.Single(await h.RecordsAsync("checkin", JourneyJson.Default.CheckInRecord));
    }

    /// <summary>Once armed, the next write is applied and then reported as a conflict, as a retried request would be.</summary>
    private sealed class LandsThenConflictsStorage(IStorage inner) : IStorage
    {
        public bool Armed { get; set; }

        public int LandedConflicts { get; private set; }

        public Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken) =>
            inner.ReadAsync(keys, cancellationToken);

        public async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
        {
            var etags = await inner.WriteAsync(writes, cancellationToken);
            if (!Armed) return etags;
            Armed = false;
            LandedConflicts++;
            throw new StorageConflictException(writes[0].Key);
        }

        public Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken) =>
            inner.QueryAsync(partition, rowPrefix, maxCount, cancellationToken);

        public Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken) =>
            inner.DeletePartitionAsync(partition, cancellationToken);
    }
}
