using TrustBot.Bot.Proactive;
using TrustBot.Journey;
using TrustBot.State;
using TrustBot.Tests.Connector;
using TrustBot.Tests.Integration;
using TrustBot.Tests.Journey;
using Xunit;
using TrustBot.Tests.Storage;

namespace TrustBot.Tests.Proactive;

/// <summary>
/// The sender over in-memory storage with persons onboarded through the real conversation, sending
/// through the real adapter and Bot Connector client to a loopback server playing the channel.
/// The harness person chose daily reminders at 7pm in London; the clock starts at 18:00 UTC (GMT).
/// </summary>
public sealed class ProactiveSenderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SevenPm = new(2026, 11, 2, 19, 0, 0, TimeSpan.Zero);

    private LoopbackSenderRig _rig = null!;

    private FakeChannelServer _channel => _rig.Channel;

    public async Task InitializeAsync() => _rig = await LoopbackSenderRig.StartAsync();

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private async Task<JourneyHarness> OnboardedPersonAsync(IStorage? storage = null)
    {
        var h = new JourneyHarness(storage);
        h.Adapter.Conversation.ServiceUrl = _channel.Url + "/";
        await h.Onboarded().StartTestAsync();
        return h;
    }

    private ProactiveSender Sender(JourneyHarness h, IStorage? storage = null, ReminderRules? rules = null) => _rig.Sender(h, storage, rules);

    private static async Task<int> DueRowsAsync(IStorage storage, DateTimeOffset minute) =>
        (await storage.QueryAsync(DueIndex.PartitionFor(minute), "", 100, default)).Count;

    [Fact]
    public async Task Onboarding_schedules_the_first_reminder_in_the_due_index()
    {
        var h = await OnboardedPersonAsync();
        var profile = await h.ProfileAsync();
        Assert.Equal(DueIndex.PartitionFor(SevenPm), profile!.ScheduledDueKey);
        var rows = await h.Storage.QueryAsync(DueIndex.PartitionFor(SevenPm), "", 10, default);
        Assert.Contains(h.Partition, Assert.Single(rows).Value.Json);
    }

    [Fact]
    public async Task A_turn_that_leaves_the_schedule_unchanged_writes_once_and_keeps_the_index_row()
    {
        var h = await OnboardedPersonAsync();
        var storage = (MemoryStorage)h.Storage;
        var before = storage.WriteCalls;
        var row = (await storage.QueryAsync(DueIndex.PartitionFor(SevenPm), "", 10, default)).Single();
        await h.Flow().Send("progress").SkipReplies().StartTestAsync();
        Assert.True(storage.WriteCalls - before <= 1);
        Assert.Equal(row.Value.ETag, (await storage.QueryAsync(DueIndex.PartitionFor(SevenPm), "", 10, default)).Single().Value.ETag);
    }

    [Fact]
    public async Task Due_reminder_is_sent_once_to_the_stored_conversation()
    {
        var h = await OnboardedPersonAsync();
        var sender = Sender(h);
        Assert.Equal(0, await sender.TickAsync(default));
        Assert.Empty(_channel.ConnectorRequests);

        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));
        Assert.Equal(1, await sender.TickAsync(default));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sender.TickAsync(default));

        var request = Assert.Single(_channel.ConnectorRequests);
        Assert.Equal("/v3/conversations/conversation1/activities", request.Path);
        Assert.Contains("check-in", request.Body);
        Assert.Contains("\"Check in\"", request.Body);
        Assert.Contains("\"Not today\"", request.Body);

        var profile = await h.ProfileAsync();
        Assert.Equal(SevenPm.AddSeconds(20), profile!.LastReminderAt);
        Assert.Equal(DueIndex.PartitionFor(SevenPm.AddDays(1)), profile.ScheduledDueKey);
        Assert.Equal(0, await DueRowsAsync(h.Storage, SevenPm));
        Assert.Equal(1, await DueRowsAsync(h.Storage, SevenPm.AddDays(1)));
    }

    [Fact]
    public async Task A_due_reminder_reads_the_person_once_and_records_the_send_from_that_read()
    {
        var h = await OnboardedPersonAsync();
        var counting = new TransactionCountingStorage(h.Storage);
        var sender = Sender(h, counting);

        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));
        Assert.Equal(1, await sender.TickAsync(default));

        // One read (profile and conversation together); writes: the claim (which removes the row), the next row and the
        // profile (all but the profile are shared by every row of a claim, see below).
        Assert.Equal((1, 3), (counting.Reads, counting.Transactions));
        Assert.Equal(SevenPm.AddSeconds(20), (await h.ProfileAsync())!.LastReminderAt);
    }

    [Fact]
    public async Task A_due_reminder_asks_for_the_persons_profile_and_conversation_in_one_read_of_their_rows_through_the_cache_as_deployed()
    {
        var h = await OnboardedPersonAsync();
        var recording = new RowReadRecordingStorage(h.Storage);
        var sender = Sender(h, new StateCache(10, TimeSpan.FromMinutes(5), TimeProvider.System).Observe(recording));

        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));
        Assert.Equal(1, await sender.TickAsync(default));

        // Table storage answers a read of several rows of one partition with one request (TableStorage.ReadRowsAsync).
        var (partition, rows) = Assert.Single(recording.RowReads);
        Assert.Equal(h.Partition, partition);
        Assert.Equal(new[] { RecordKinds.Reference, UserState.Row }, rows.Order(StringComparer.Ordinal));
        Assert.Single(_channel.ConnectorRequests);
    }

    [Fact]
    public async Task Reminders_due_in_one_minute_are_claimed_and_rescheduled_in_one_write_each_and_all_sent()
    {
        var h = await OnboardedPersonAsync();
        var people = await ClonePersonAsync(h, 12);
        var counting = new TransactionCountingStorage(h.Storage);

        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));
        Assert.Equal(people.Count, await Sender(h, counting).TickAsync(default));

        Assert.Equal(people.Count, _channel.ConnectorRequests.Count);
        // Per person one read and one profile write; for all of them one claim (removing their rows) and one write of
        // the next day's rows (the same minute tomorrow).
        Assert.Equal((people.Count, people.Count + 2), (counting.Reads, counting.Transactions));
        Assert.Equal(0, await DueRowsAsync(h.Storage, SevenPm));
        Assert.Equal(people.Count, await DueRowsAsync(h.Storage, SevenPm.AddDays(1)));
        foreach (var person in people)
        {
            var profile = await new ProfileStore(h.Storage).ReadAsync(person, default);
            Assert.Equal(SevenPm.AddSeconds(20), profile!.LastReminderAt);
            Assert.Equal(DueIndex.PartitionFor(SevenPm.AddDays(1)), profile.ScheduledDueKey);
        }
    }

    [Fact]
    public async Task A_person_with_a_row_under_the_old_escaped_key_next_to_the_new_one_gets_one_message()
    {
        var h = await OnboardedPersonAsync();
        var minute = DueIndex.PartitionFor(SevenPm);
        var row = (await h.Storage.ReadAsync([new StorageKey(minute, DueIndex.RowFor(h.Partition))], default)).Single().Value;
        await h.Storage.WriteAsync([new StorageWrite(new StorageKey(minute, Uri.EscapeDataString(h.Partition)), row.Json, ETags.Any)], default);
        Assert.Equal(2, await DueRowsAsync(h.Storage, SevenPm));

        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));
        Assert.Equal(1, await Sender(h).TickAsync(default));

        Assert.Single(_channel.ConnectorRequests);
        Assert.Equal(0, await DueRowsAsync(h.Storage, SevenPm));
        Assert.Equal(1, await DueRowsAsync(h.Storage, SevenPm.AddDays(1)));
    }

    [Fact]
    public async Task A_person_whose_turns_keep_changing_the_profile_is_left_to_their_next_turn_and_the_others_of_the_claim_are_recorded()
    {
        var h = await OnboardedPersonAsync();
        var people = await ClonePersonAsync(h, 3);
        var busy = people[1];
        var storage = new ProfileAlwaysChangedStorage(h.Storage, busy);

        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));
        Assert.Equal(people.Count, await Sender(h, storage).TickAsync(default));

        Assert.Equal(people.Count, _channel.ConnectorRequests.Count);
        var profiles = new ProfileStore(h.Storage);
        // Their profile still names the minute that has passed, which their next turn reschedules; nobody else's is held up.
        Assert.Empty(await h.Storage.QueryAsync(DueIndex.PartitionFor(SevenPm), "", 10, default));
        var unrecorded = (await profiles.ReadAsync(busy, default))!;
        Assert.Null(unrecorded.LastReminderAt);
        Assert.Equal(DueIndex.PartitionFor(SevenPm), unrecorded.ScheduledDueKey);
        foreach (var person in people.Where(p => p != busy))
            Assert.Equal(SevenPm.AddSeconds(20), (await profiles.ReadAsync(person, default))!.LastReminderAt);
    }

    [Theory]
    [InlineData("the next row")]
    [InlineData("the profile")]
    public async Task A_sender_stopped_while_recording_a_send_leaves_a_schedule_the_persons_next_turn_repairs(string stoppedAt)
    {
        var memory = new MemoryStorage();
        var h = await OnboardedPersonAsync(memory);
        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));
        var tomorrow = DueIndex.PartitionFor(SevenPm.AddDays(1));
        var stopping = new UnavailableFromWriteStorage(memory, stoppedAt == "the profile"
            ? w => w.Key.Row == "user" && !ETags.IsUnconditional(w.ETag)
            : w => w.Key.Partition == tomorrow && w.Json is not null);

        // Storage goes away once the message is out, at the first write of what the send changes.
        await Assert.ThrowsAsync<StorageUnavailableException>(() => Sender(h, stopping).TickAsync(default));
        Assert.Single(_channel.ConnectorRequests);

        // Whichever write it stopped at, the profile never names a row that was not written, so a turn puts it right.
        h.Clock.Advance(TimeSpan.FromMinutes(5));
        await h.Flow().Send("menu").SkipReplies().StartTestAsync();
        Assert.Equal(tomorrow, (await h.ProfileAsync())!.ScheduledDueKey);
        h.Clock.SetUtcNow(SevenPm.AddDays(1).AddSeconds(20));
        Assert.Equal(1, await Sender(h, memory).TickAsync(default));
        Assert.Equal(2, _channel.ConnectorRequests.Count);
    }

    /// <summary>Records each read of several rows of one partition and passes it on as such.</summary>
    private sealed class RowReadRecordingStorage(IStorage inner) : PassThroughStorage(inner), IStorage
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Partition, string[] Rows)> _rowReads = new();

        public IReadOnlyList<(string Partition, string[] Rows)> RowReads => [.. _rowReads];

        public Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadRowsAsync(string partition, IReadOnlyCollection<string> rows, CancellationToken cancellationToken)
        {
            _rowReads.Enqueue((partition, [.. rows]));
            return Inner.ReadRowsAsync(partition, rows, cancellationToken);
        }
    }

    /// <summary>Counts read calls and write transactions: each partition of a write call is one (as in Table storage, up to 100 rows).</summary>
    private sealed class TransactionCountingStorage(IStorage inner) : PassThroughStorage(inner)
    {
        private int _reads;
        private int _transactions;

        public int Reads => Volatile.Read(ref _reads);

        public int Transactions => Volatile.Read(ref _transactions);

        public override Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return Inner.ReadAsync(keys, cancellationToken);
        }

        public override Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _transactions, writes.Select(w => w.Key.Partition).Distinct().Count());
            return Inner.WriteAsync(writes, cancellationToken);
        }
    }

    /// <summary>Plays a person whose own turn saves their profile just before every conditional write of it by someone else.</summary>
    private sealed class ProfileAlwaysChangedStorage(IStorage inner, string person) : PassThroughStorage(inner)
    {
        public override async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
        {
            if (writes.Any(w => w.Key.Partition == person && w.Key.Row == "user" && !ETags.IsUnconditional(w.ETag)))
                await new ProfileStore(Inner).UpdateAsync(person, p => p.Name = "Busy", cancellationToken);
            return await Inner.WriteAsync(writes, cancellationToken);
        }
    }

    /// <summary>Storage that stops answering at the first write call holding a write <paramref name="stopsAt"/> picks.</summary>
    private sealed class UnavailableFromWriteStorage(IStorage inner, Func<StorageWrite, bool> stopsAt) : PassThroughStorage(inner)
    {
        public override Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken) =>
            writes.Any(stopsAt)
                ? throw new StorageUnavailableException("Storage stopped answering.", new TimeoutException())
                : Inner.WriteAsync(writes, cancellationToken);
    }

    [Fact]
    public async Task Two_senders_share_a_minute_of_many_reminders_and_send_each_exactly_once()
    {
        var memory = new MemoryStorage();
        var h = await OnboardedPersonAsync(memory);
        // More than one claim's worth, so the senders meet inside the minute.
        var people = await ClonePersonAsync(h, 80);
        var first = Sender(h, memory);
        var second = Sender(h, memory);
        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));

        var sent = await Task.WhenAll(Task.Run(() => first.TickAsync(default)), Task.Run(() => second.TickAsync(default)));

        Assert.Equal(people.Count, sent.Sum());
        Assert.Equal(people.Count, _channel.ConnectorRequests.Count);
        Assert.Equal(0, await DueRowsAsync(memory, SevenPm));
        Assert.Equal(people.Count, await DueRowsAsync(memory, SevenPm.AddDays(1)));
    }

    [Fact]
    public async Task A_row_a_turn_writes_into_the_minute_just_claimed_stays_for_the_next_tick()
    {
        var memory = new MemoryStorage();
        var h = await OnboardedPersonAsync(memory);
        var key = new StorageKey(DueIndex.PartitionFor(SevenPm), DueIndex.RowFor(h.Partition));
        // The person's turn writes their row of the same minute again just after the claim removed it.
        var racing = new RewriteAfterClaimStorage(memory, key);
        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));

        Assert.Equal(1, await Sender(h, racing).TickAsync(default));

        Assert.True(racing.Rewritten, "the row was written again after the claim");
        Assert.Equal(1, await DueRowsAsync(memory, SevenPm));
        Assert.Single(_channel.ConnectorRequests);
    }

    [Fact]
    public async Task A_row_a_turn_rewrites_before_the_claim_is_claimed_as_it_now_is_and_sent_once()
    {
        var memory = new MemoryStorage();
        var h = await OnboardedPersonAsync(memory);
        var key = new StorageKey(DueIndex.PartitionFor(SevenPm), DueIndex.RowFor(h.Partition));
        var racing = new RewriteBeforeClaimStorage(memory, key);
        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));

        Assert.Equal(1, await Sender(h, racing).TickAsync(default));

        Assert.True(racing.Rewritten, "the row was rewritten between the minute's read and the claim");
        Assert.Single(_channel.ConnectorRequests);
        Assert.Equal(0, await DueRowsAsync(memory, SevenPm));
        Assert.Equal(1, await DueRowsAsync(memory, SevenPm.AddDays(1)));
    }

    /// <summary>Copies the onboarded person's rows to <paramref name="count"/> people in all (the harness person first), each with their own index row of the same minute.</summary>
    private static async Task<List<string>> ClonePersonAsync(JourneyHarness h, int count)
    {
        var rows = await h.Storage.QueryAsync(h.Partition, "", 100, default);
        var index = (await h.Storage.ReadAsync([new StorageKey(DueIndex.PartitionFor(SevenPm), DueIndex.RowFor(h.Partition))], default)).Single().Value;
        var people = new List<string> { h.Partition };
        for (var i = 1; i < count; i++)
        {
            var person = $"{h.Partition}-clone{i}";
            people.Add(person);
            var entry = System.Text.Json.JsonSerializer.Deserialize(index.Json, ProactiveJson.Default.DueEntry)!;
            entry.Person = person;
            await h.Storage.WriteAsync([.. rows.Select(r => new StorageWrite(new StorageKey(person, r.Key.Row), r.Value.Json, ETags.Any))], default);
            await h.Storage.WriteAsync([new StorageWrite(new StorageKey(DueIndex.PartitionFor(SevenPm), DueIndex.RowFor(person)),
                System.Text.Json.JsonSerializer.Serialize(entry, ProactiveJson.Default.DueEntry), ETags.Any)], default);
        }
        return people;
    }

    /// <summary>Storage where, just after the first removal of <paramref name="key"/> (its claim), someone writes that row again.</summary>
    private sealed class RewriteAfterClaimStorage(IStorage inner, StorageKey key) : PassThroughStorage(inner)
    {
        public bool Rewritten { get; private set; }

        public override async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
        {
            var claimed = (await Inner.ReadAsync([key], cancellationToken)).GetValueOrDefault(key);
            var written = await Inner.WriteAsync(writes, cancellationToken);
            if (!Rewritten && claimed is not null && writes.Any(w => w.Key == key && w.Json is null))
            {
                Rewritten = true;
                await Inner.WriteAsync([new StorageWrite(key, claimed.Json, ETags.Any)], cancellationToken);
            }
            return written;
        }
    }

    /// <summary>Storage where, just before the first removal of <paramref name="key"/> (its claim), someone writes that row again.</summary>
    private sealed class RewriteBeforeClaimStorage(IStorage inner, StorageKey key) : PassThroughStorage(inner)
    {
        public bool Rewritten { get; private set; }

        public override async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
        {
            if (!Rewritten && writes.Any(w => w.Key == key && w.Json is null))
            {
                Rewritten = true;
                var row = (await Inner.ReadAsync([key], cancellationToken))[key];
                await Inner.WriteAsync([new StorageWrite(key, row.Json, ETags.Any)], cancellationToken);
            }
            return await Inner.WriteAsync(writes, cancellationToken);
        }
    }

    [Fact]
    public async Task A_profile_changed_between_the_read_and_the_record_is_read_again_and_keeps_both_changes()
    {
        var h = await OnboardedPersonAsync();
        var sender = Sender(h, new ProfileChangedAfterFirstRead(h.Storage, h.Partition));

        h.Clock.SetUtcNow(SevenPm.AddSeconds(20));
        Assert.Equal(1, await sender.TickAsync(default));

        var profile = await h.ProfileAsync();
        Assert.Equal(SevenPm.AddSeconds(20), profile!.LastReminderAt);
        Assert.Equal("Changed meanwhile", profile.Name);
    }

    /// <summary>Plays the person's own turn saving their profile just after the sender has read it.</summary>
    private sealed class ProfileChangedAfterFirstRead(IStorage inner, string person) : IStorage
    {
        private int _reads;

        public async Task<IReadOnlyDictionary<StorageKey, StoreItem>> ReadAsync(IReadOnlyCollection<StorageKey> keys, CancellationToken cancellationToken)
        {
            var result = await inner.ReadAsync(keys, cancellationToken);
            if (Interlocked.Increment(ref _reads) == 1)
                await new ProfileStore(inner).UpdateAsync(person, p => p.Name = "Changed meanwhile", cancellationToken);
            return result;
        }

        public Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken) => inner.WriteAsync(writes, cancellationToken);

        public Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken) =>
            inner.QueryAsync(partition, rowPrefix, maxCount, cancellationToken);

        public Task<int> DeletePartitionAsync(string partition, CancellationToken cancellationToken) => inner.DeletePartitionAsync(partition, cancellationToken);
    }

    [Fact]
    public async Task Not_today_after_a_reminder_is_answered_kindly_and_only_once()
    {
        var h = await OnboardedPersonAsync();
        await h.Flow().Send("Not today").AssertReply(a => a.Text != ProactiveMessages.NotTodayReply, "no reminder yet: not treated as declining one").SkipReplies().StartTestAsync();
        h.Clock.SetUtcNow(SevenPm.AddMinutes(2));
        Assert.Equal(1, await Sender(h).TickAsync(default));
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Flow()
            .Send("Not today").AssertReply(ProactiveMessages.NotTodayReply)
            .Send("Not today").AssertReply(a => a.Text != ProactiveMessages.NotTodayReply, "the second time it is an ordinary message")
            .StartTestAsync();
    }

    [Fact]
    public async Task Two_senders_over_one_storage_send_the_message_exactly_once()
    {
        var memory = new MemoryStorage();
        var h = await OnboardedPersonAsync(memory);
        var shared = new BothReadFirstStorage(memory);
        var first = Sender(h, shared);
        var second = Sender(h, shared);
        h.Clock.SetUtcNow(SevenPm.AddSeconds(5));
        shared.Armed = true;

        var sent = await Task.WhenAll(Task.Run(() => first.TickAsync(default)), Task.Run(() => second.TickAsync(default)));

        Assert.Equal(1, sent.Sum());
        Assert.Single(_channel.ConnectorRequests);
        Assert.True(shared.BothRead, "both senders read the due row before either claimed it");
    }

    [Fact]
    public async Task Blocked_conversation_stops_further_sends_until_the_person_writes()
    {
        var h = await OnboardedPersonAsync();
        var sender = Sender(h);
        _channel.Respond(ScriptedResponse.Error(403, "ConversationBlockedByUser"));
        h.Clock.SetUtcNow(SevenPm);
        Assert.Equal(0, await sender.TickAsync(default));

        var profile = await h.ProfileAsync();
        Assert.True(profile!.ChannelBlocked);
        Assert.Null(profile.ScheduledDueKey);
        h.Clock.SetUtcNow(SevenPm.AddDays(1));
        Assert.Equal(0, await sender.TickAsync(default));
        Assert.Single(_channel.ConnectorRequests);

        await h.Flow().Send("menu").SkipReplies().StartTestAsync();
        profile = await h.ProfileAsync();
        Assert.False(profile!.ChannelBlocked);
        Assert.NotNull(profile.ScheduledDueKey);
    }

    [Fact]
    public async Task Conversation_not_found_drops_the_reference()
    {
        var h = await OnboardedPersonAsync();
        Assert.Equal(1, await h.RowCountAsync(RecordKinds.Reference));
        _channel.Respond(ScriptedResponse.Error(404, "ConversationNotFound"));
        h.Clock.SetUtcNow(SevenPm);
        Assert.Equal(0, await Sender(h).TickAsync(default));

        Assert.Equal(0, await h.RowCountAsync(RecordKinds.Reference));
        var profile = await h.ProfileAsync();
        Assert.Null(profile!.LastConversationKey);
        Assert.Null(profile.ScheduledDueKey);

        // The next message from the person stores the conversation again.
        await h.Flow().Send("menu").SkipReplies().StartTestAsync();
        Assert.Equal(1, await h.RowCountAsync(RecordKinds.Reference));
    }

    [Fact]
    public async Task Throttled_send_waits_for_retry_after_and_is_delivered_once()
    {
        var h = await OnboardedPersonAsync();
        _channel.Respond(new ScriptedResponse(429, """{"error":{"code":"Throttled","message":"slow down"}}""", RetryAfter: "1"));
        h.Clock.SetUtcNow(SevenPm);
        Assert.Equal(1, await Sender(h).TickAsync(default));
        Assert.Equal(2, _channel.ConnectorRequests.Count);
        Assert.NotNull((await h.ProfileAsync())!.LastReminderAt);
    }

    [Fact]
    public async Task Nothing_is_sent_in_quiet_hours()
    {
        var h = await OnboardedPersonAsync();
        // This instance is configured with longer quiet hours than the turn that scheduled 7pm.
        var sender = Sender(h, rules: new ReminderRules(QuietHours.Parse("18:30-08:00")));
        h.Clock.SetUtcNow(SevenPm);
        Assert.Equal(0, await sender.TickAsync(default));
        Assert.Empty(_channel.ConnectorRequests);
        var profile = await h.ProfileAsync();
        Assert.Equal(DueIndex.PartitionFor(new DateTimeOffset(2026, 11, 3, 8, 0, 0, TimeSpan.Zero)), profile!.ScheduledDueKey);
    }

    [Fact]
    public async Task Stop_removes_the_scheduled_message()
    {
        var h = await OnboardedPersonAsync();
        await h.Flow().Send("stop").SkipReplies().StartTestAsync();
        Assert.Equal(0, await DueRowsAsync(h.Storage, SevenPm));
        h.Clock.SetUtcNow(SevenPm);
        Assert.Equal(0, await Sender(h).TickAsync(default));
        Assert.Empty(_channel.ConnectorRequests);
    }

    [Fact]
    public async Task An_outdated_index_row_is_dropped_without_sending()
    {
        var h = await OnboardedPersonAsync();
        var stale = new DueEntry { Person = h.Partition, Kind = ProactiveKind.Nudge, DueAt = SevenPm.AddMinutes(-5) };
        await h.Storage.WriteAsync([new StorageWrite(new StorageKey(DueIndex.PartitionFor(stale.DueAt), DueIndex.RowFor(h.Partition)),
            System.Text.Json.JsonSerializer.Serialize(stale, ProactiveJson.Default.DueEntry), ETags.Any)], default);
        h.Clock.SetUtcNow(SevenPm.AddMinutes(-4));
        Assert.Equal(0, await Sender(h).TickAsync(default));
        Assert.Empty(_channel.ConnectorRequests);
        Assert.Equal(0, await DueRowsAsync(h.Storage, stale.DueAt));
        Assert.Equal(1, await DueRowsAsync(h.Storage, SevenPm));
    }

    [Fact]
    public async Task A_turn_saved_during_the_send_is_kept_and_the_sent_message_still_recorded()
    {
        var memory = new MemoryStorage();
        var h = await OnboardedPersonAsync(memory);
        var racing = new TurnBeforeProfileWriteStorage(memory, () => h.Flow().Send("progress").SkipReplies().StartTestAsync());
        h.Clock.SetUtcNow(SevenPm.AddMinutes(10));
        var seenBefore = (await h.ProfileAsync())!.LastSeenAt;

        Assert.Equal(1, await Sender(h, racing).TickAsync(default));

        Assert.True(racing.Raced);
        var profile = await h.ProfileAsync();
        Assert.Equal(SevenPm.AddMinutes(10), profile!.LastSeenAt);
        Assert.NotEqual(seenBefore, profile.LastSeenAt);
        Assert.Equal(SevenPm.AddMinutes(10), profile.LastReminderAt);
        Assert.Equal(DueIndex.PartitionFor(SevenPm.AddDays(1)), profile.ScheduledDueKey);
    }

    /// <summary>Runs a turn of the person just before the sender's first conditional write of their profile.</summary>
    private sealed class TurnBeforeProfileWriteStorage(MemoryStorage inner, Func<Task> turn) : PassThroughStorage(inner)
    {
        public bool Raced { get; private set; }

        public override async Task<IReadOnlyDictionary<StorageKey, string>> WriteAsync(IReadOnlyList<StorageWrite> writes, CancellationToken cancellationToken)
        {
            if (!Raced && writes.Any(w => w.Key.Row == "user" && !ETags.IsUnconditional(w.ETag)))
            {
                Raced = true;
                await turn();
            }
            return await Inner.WriteAsync(writes, cancellationToken);
        }
    }

    /// <summary>
    /// The in-memory storage, except that the first two reads of a due partition wait for each other, so
    /// both senders hold the same row (and ETag) before either tries to claim it.
    /// </summary>
    private sealed class BothReadFirstStorage(MemoryStorage inner) : PassThroughStorage(inner)
    {
        private readonly TaskCompletionSource _bothRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reads;

        public bool Armed { get; set; }

        public bool BothRead => _bothRead.Task.IsCompletedSuccessfully;

        public override async Task<IReadOnlyList<KeyValuePair<StorageKey, StoreItem>>> QueryAsync(string partition, string rowPrefix, int maxCount, CancellationToken cancellationToken)
        {
            var rows = await Inner.QueryAsync(partition, rowPrefix, maxCount, cancellationToken);
            if (Armed && rows.Count > 0 && partition.StartsWith(DueIndex.PartitionPrefix, StringComparison.Ordinal))
            {
                if (Interlocked.Increment(ref _reads) == 2) _bothRead.TrySetResult();
                await _bothRead.Task.WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            }
            return rows;
        }
    }
}
