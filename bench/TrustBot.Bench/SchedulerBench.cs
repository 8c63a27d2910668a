using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Hosting;
using TrustBot.Bot.Proactive;
using TrustBot.Bot.Storage;
using TrustBot.Journey;
using TrustBot.Safety;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Testing;

namespace TrustBot.Bench;

/// <summary>
/// The proactive scheduler at scale, over Azurite: seeds many people with daily reminders spread over the
/// day (profile, conversation reference and due-index row each, written in entity group batches), then
/// measures (1) the storage requests of one scheduler tick when 100 reminders are due, and (2) how fast two
/// sender instances send a block of due reminders through a loopback connector, and whether any went twice:
/// (a) among everyone seeded in one table, (b) in a table seeded with the block's people alone, and (c) among everyone
/// seeded into tables of about a thousand people split by partition (<see cref="PartitionShards"/>). The tick is measured
/// in (a) and again in (c); <c>--blocks</c> chooses which run (bench/run.sh: only (c) at full size, where seeding (a)'s
/// one table would take the emulator hours).
/// </summary>
/// <remarks>
/// Why (b): Azurite finds a row by its RowKey first and then scans every row with that RowKey, and every person's
/// profile row has the RowKey <c>user</c> (every conversation reference <c>reference</c>), so each point read or
/// write of one costs Azurite time in proportion to the number of people in the table. Azure Table Storage addresses
/// a row by PartitionKey and RowKey and has no such cost; (b) makes the emulator's share ten times smaller with the
/// default sizes, and the probe after each block shows the per-read cost behind it.
/// <para>
/// The day is laid out so each measurement sees only its own people: everyone's reminder falls between 08:01
/// and 21:59 UTC (London in November, outside quiet hours), except two reserved windows: 11:45–12:00 holds
/// exactly the tick's due people (all at 12:00), and 16:05–16:20 holds the send block, at most 1,000 a minute
/// (what a tick reads of one minute). Table (b) holds the send block's people alone, laid out the same way.
/// </para>
/// </remarks>
internal static class SchedulerBench
{
    private static readonly DateTimeOffset Day = new(2026, 11, 3, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset TickMinute = Day.AddHours(12);
    private static readonly DateTimeOffset SendFirst = Day.AddHours(16).AddMinutes(5);
    private const int SendMinutes = 16;
    private const string LoopbackUrl = "https://loopback.trustbot.invalid/";

    public static async Task<int> RunAsync(string connectionString, string[] args)
    {
        var people = Option(args, "--people", 100_000);
        var due = Option(args, "--due", 100);
        var sends = Option(args, "--sends", 10_000);
        var rate = Option(args, "--rate", 1000);
        // The emulator's process, when given, so its CPU time during the sends is reported next to the bench's own.
        var azuritePid = Option(args, "--azurite-pid", 0);
        var jsonPath = args.SkipWhile(a => a != "--json").Skip(1).FirstOrDefault();
        // Which send blocks to measure: (a) among everyone in one table (with the tick), (b) the due people alone, (c) everyone, split by partition.
        var blocks = args.SkipWhile(a => a != "--blocks").Skip(1).FirstOrDefault() ?? "abc";
        var shardPeople = Math.Max(1, Option(args, "--shard-people", 1000));
        // Seed the split tables one after another instead of everyone in turn (see SeedAsync).
        var seedByTable = args.Contains("--seed-by-table");
        // The senders read each person's rows as two point reads, as before they read them in one query: for comparing the two.
        var pointReads = args.Contains("--point-reads");
        if (due + sends > people || sends > SendMinutes * 1000 || rate is < 1 or > 1000)
        {
            Console.Error.WriteLine("scheduler: --due + --sends must not exceed --people; --sends at most 16000; --rate 1-1000");
            return 64;
        }

        var counter = new RequestCounter();
        var options = StorageServiceCollectionExtensions.CreateClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        // Seeding floods Azurite on purpose: a try may take longer than the bot's per-turn budget allows.
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(60);
        var tables = NewTables(connectionString, options, "Sched" + Guid.NewGuid().ToString("N")[..8]);

        var (userTemplate, referenceTemplate) = await TemplatesAsync();
        JsonObject? result = jsonPath is null ? null : new JsonObject { ["people"] = people, ["tickDue"] = due, ["maxSendsPerSecond"] = rate, ["blocks"] = blocks };
        var misplaced = 0;
        var ok = true;
        Tick? sameTick = null;
        if (blocks.Contains('a'))
        {
            Console.WriteLine($"Seeding {people:N0} people (profile + conversation reference per person, one due-index row each) into Azurite...");
            var seed = Stopwatch.StartNew();
            misplaced += await SeedAsync(tables, people, due, sends, userTemplate, referenceTemplate);
            seed.Stop();
            var seeded = counter.Snapshot();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seeded in {seed.Elapsed.TotalSeconds:F1} s with {seeded.Total:N0} requests ({people / seed.Elapsed.TotalSeconds:F0} people/s); reminders not where planned: {misplaced}"));

            // (1) One tick with `due` reminders due, in the one table.
            var clock = new ShiftedClock();
            var profiled = new SchedulerStorageProfile(tables, pointReads);
            var tick = await TickAsync(profiled, counter, clock, rate, due, $"among {people:N0} in one table");
            sameTick = tick;

            // (2a) Two instances send the block due 16:05–16:20, both ticking at 16:20:30, among everyone seeded in one table.
            Console.WriteLine($"(a) {sends:N0} due among {people:N0} in one table, {Load()}");
            var among = await SendBlockAsync(profiled, counter, clock, rate, sends, people, due, azuritePid);
            ok &= tick.Sent == due && among.Sent == sends && among.Duplicates == 0;
            if (result is not null)
            {
                result["seedSeconds"] = Math.Round(seed.Elapsed.TotalSeconds, 1);
                result["seedRequests"] = seeded.Total;
                tick.AddTo(result);
                // The block among everyone keeps the keys it always had.
                foreach (var (key, value) in among.ToJson(rate, azuritePid > 0)) result[key] = value?.DeepClone();
            }
        }

        // (2b) The same block in a table of its own holding only the people due in it: the emulator's scan per profile access is
        // as long as the block, not as the whole population; same Azurite, same instances' settings, same checks.
        if (blocks.Contains('b'))
        {
            var alone = NewTables(connectionString, options, "Sched" + Guid.NewGuid().ToString("N")[..8]);
            Console.WriteLine($"(b) seeding only the {sends:N0} due people into a table of their own...");
            var aloneSeed = Stopwatch.StartNew();
            misplaced += await SeedAsync(alone, sends, 0, sends, userTemplate, referenceTemplate);
            aloneSeed.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded in {aloneSeed.Elapsed.TotalSeconds:F1} s"));
            Console.WriteLine($"(b) {sends:N0} due in a table of {sends:N0}, {Load()}");
            var block = await SendBlockAsync(new SchedulerStorageProfile(alone, pointReads), counter, new ShiftedClock(), rate, sends, sends, 0, azuritePid);
            ok &= block.Sent == sends && block.Duplicates == 0;
            if (result is not null)
            {
                var json = block.ToJson(rate, azuritePid > 0);
                json["seedSeconds"] = Math.Round(aloneSeed.Elapsed.TotalSeconds, 1);
                result["dueOnly"] = json;
            }
        }

        // (2c) The same block among everyone again, with the emulator's table split by partition into tables of about
        // --shard-people people (see PartitionShards): every key and call as in (a), the scan per access bounded as in production.
        if (blocks.Contains('c'))
        {
            var count = Math.Max(1, (people + shardPeople - 1) / shardPeople);
            var shardPrefix = "Sched" + Guid.NewGuid().ToString("N")[..8] + "s";
            var shards = new PartitionShards([.. Enumerable.Range(0, count).Select(k => NewTables(connectionString, options, shardPrefix + k.ToString(CultureInfo.InvariantCulture)))]);
            Console.WriteLine($"(c) seeding {people:N0} people into {count:N0} tables split by partition...");
            var shardSeed = Stopwatch.StartNew();
            misplaced += await SeedAsync(shards, people, due, sends, userTemplate, referenceTemplate, seedByTable);
            shardSeed.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded in {shardSeed.Elapsed.TotalSeconds:F1} s"));
            // The tick again, here: it is what the full-size run measures, since (a) cannot seed 100,000 people into one emulator
            // table in reasonable time. What it reads is unchanged by the split: a due-index minute is one partition and a due
            // person's rows are one partition, and each partition lives wholly in one table, so the same queries and point reads
            // go out, each to one table (with (a) in the same run, the two counts must match).
            var shardClock = new ShiftedClock();
            var profiled = new SchedulerStorageProfile(shards, pointReads);
            var tick = await TickAsync(profiled, counter, shardClock, rate, due, $"among {people:N0} in {count:N0} tables");
            ok &= tick.Sent == due;
            if (sameTick is { } inOne && (inOne.Requests.Queries, inOne.Requests.RowQueries, inOne.Requests.PointReads) != (tick.Requests.Queries, tick.Requests.RowQueries, tick.Requests.PointReads))
            {
                Console.Error.WriteLine("scheduler: the tick read differently in the split tables than in one table");
                ok = false;
            }
            Console.WriteLine($"(c) {sends:N0} due among {people:N0} in {count:N0} tables, {Load()}");
            var block = await SendBlockAsync(profiled, counter, shardClock, rate, sends, people, due, azuritePid);
            ok &= block.Sent == sends && block.Duplicates == 0;
            if (result is not null)
            {
                var json = block.ToJson(rate, azuritePid > 0);
                tick.AddTo(json);
                json["seedSeconds"] = Math.Round(shardSeed.Elapsed.TotalSeconds, 1);
                json["tables"] = count;
                result["sharded"] = json;
            }
        }

        if (jsonPath is not null && result is not null)
        {
            result["misplaced"] = misplaced;
            await File.WriteAllTextAsync(jsonPath, result.ToJsonString() + "\n");
        }
        return misplaced == 0 && ok ? 0 : 1;
    }

    /// <summary>
    /// One tick with <paramref name="due"/> reminders due: a sender that last looked at 08:00 ticks at 12:00:30; its storage
    /// requests are counted in the client's pipeline.
    /// </summary>
    private static async Task<Tick> TickAsync(SchedulerStorageProfile storage, RequestCounter counter, ShiftedClock clock, int rate, int due, string where)
    {
        var first = Sender(storage, clock, new LoopbackConnector(), rate);
        clock.Set(Day.AddHours(8).AddSeconds(30));
        await first.TickAsync(CancellationToken.None);
        clock.Set(TickMinute.AddSeconds(30));
        var before = counter.Snapshot();
        var watch = Stopwatch.StartNew();
        var sent = await first.TickAsync(CancellationToken.None);
        watch.Stop();
        var tick = new Tick(sent, counter.Snapshot() - before, watch.Elapsed);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tick with {due} due {where}: sent {sent}; reads {tick.Requests.Reads} ({tick.Requests.Queries} index queries + {tick.Requests.RowQueries} queries of named rows + {tick.Requests.PointReads} point reads), writes {tick.Requests.Writes}; {watch.Elapsed.TotalMilliseconds:F0} ms"));
        return tick;
    }

    private static TableStorage NewTables(string connectionString, TableClientOptions options, string prefix) =>
        new(StorageServiceCollectionExtensions.CreateServiceClient(connectionString, options),
            Options.Create(new StorageOptions { ConnectionString = connectionString, TablePrefix = prefix }), NullLogger<TableStorage>.Instance);

    /// <summary>
    /// Two sender instances send the block due 16:05–16:20 of <paramref name="storage"/>, both ticking at 16:20:30, through one
    /// loopback connector; the storage requests (by kind), duplicates and the CPU of the bench and of Azurite are counted over
    /// the sends alone. Then Azurite's CPU per point read of a profile row and of a due-index row among this table's people.
    /// </summary>
    private static async Task<SendBlock> SendBlockAsync(SchedulerStorageProfile storage, RequestCounter counter, ShiftedClock clock, int rate, int sends, int people, int due, int azuritePid)
    {
        var loopback = new LoopbackConnector();
        var a = Sender(storage, clock, loopback, rate);
        var b = Sender(storage, clock, loopback, rate);
        clock.Set(Day.AddHours(8).AddSeconds(30));
        await a.TickAsync(CancellationToken.None);
        await b.TickAsync(CancellationToken.None);
        // Only the block's messages count: on a loaded machine these first ticks can take minutes of the clock's real time,
        // so the second one may already send the reminders of 08:01 and after.
        loopback.Clear();
        clock.Set(SendFirst.AddMinutes(SendMinutes - 1).AddSeconds(30));
        var loadBefore = Load();
        var beforeSends = counter.Snapshot();
        storage.Reset();
        var benchCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var azuriteCpu = CpuSeconds(azuritePid);
        var sendWatch = Stopwatch.StartNew();
        var sentBoth = await Task.WhenAll(Task.Run(() => a.TickAsync(CancellationToken.None)), Task.Run(() => b.TickAsync(CancellationToken.None)));
        sendWatch.Stop();
        benchCpu = Process.GetCurrentProcess().TotalProcessorTime - benchCpu;
        azuriteCpu = CpuSeconds(azuritePid) - azuriteCpu;
        var requests = counter.Snapshot() - beforeSends;
        var block = new SendBlock(people, sends, loopback.Sent, sendWatch.Elapsed, loopback.Duplicates, requests, storage.RequestsByKind(),
            benchCpu.TotalSeconds, azuriteCpu, loadBefore, Load());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"two instances: {block.Sent:N0} of {sends:N0} due sent ({sentBoth[0]:N0} + {sentBoth[1]:N0}) in {block.Elapsed.TotalSeconds:F1} s = {block.Rate:F0} sends/s (MaxSendsPerSecond {rate} each); duplicates {block.Duplicates}; "
            + $"storage requests per send {block.PerSend(requests.Total):F2} ({requests.Queries:N0} queries, {requests.RowQueries:N0} queries of named rows, {requests.PointReads:N0} point reads, {requests.Writes:N0} writes)"));
        Console.Write(storage.Describe(block.Sent));
        var azuriteShare = azuritePid > 0
            ? string.Create(CultureInfo.InvariantCulture, $", Azurite {azuriteCpu:F1} s ({azuriteCpu * 1000 / Math.Max(1, block.Sent):F1} ms per send, {azuriteCpu * 1e6 / Math.Max(1, requests.Total):F0} µs per request)")
            : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU during the sends: bench (both senders) {benchCpu.TotalSeconds:F1} s{azuriteShare}, over {block.Elapsed.TotalSeconds:F1} s; load before and after: {loadBefore} / {block.LoadAfter}"));

        // Why Azurite's share per send grows with the number of people: Azurite finds an entity by its RowKey first and then
        // scans every entity with that RowKey, and every person's profile row has the RowKey "user"; a due-index row's is its own.
        // A sample of the block's people is enough for a mean (reading all of them among 100,000 takes minutes of Azurite's CPU).
        var probed = Enumerable.Range(due, Math.Min(sends, ProbeSample)).ToList();
        block = block with
        {
            AzuriteMsPerProfileRead = await AzuriteMsPerReadAsync(storage, azuritePid, probed.Select(i => UserState.KeyFor($"bench/users/p{i}"))),
            AzuriteMsPerIndexRead = await AzuriteMsPerReadAsync(storage, azuritePid,
                probed.Select(i => new StorageKey(DueIndex.PartitionFor(PlannedMinute(i, due, sends).AddDays(1)), DueIndex.RowFor($"bench/users/p{i}")))),
        };
        // What the sender's read of a person (profile and conversation reference) costs the emulator as two point reads, against
        // the one query of those two rows it makes (IStorage.ReadRowsAsync): Azurite answers a query by testing every row of the
        // table against the filter, so the request saved costs a scan of the table instead.
        block = block with
        {
            AzuriteMsPerPersonRead = await AzuriteMsPerCallAsync(azuritePid, probed,
                (i, ct) => storage.Inner.ReadAsync([UserState.KeyFor($"bench/users/p{i}"), new StorageKey($"bench/users/p{i}", RecordKinds.Reference)], ct)),
            AzuriteMsPerPersonQuery = await AzuriteMsPerCallAsync(azuritePid, probed,
                (i, ct) => storage.Inner.ReadRowsAsync($"bench/users/p{i}", [UserState.Row, RecordKinds.Reference], ct)),
            AzuriteMegabytes = ResidentMegabytes(azuritePid),
        };
        if (azuritePid > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Azurite CPU per point read among {people:N0} people: {block.AzuriteMsPerProfileRead:F2} ms for a profile row (RowKey shared by everyone), {block.AzuriteMsPerIndexRead:F2} ms for a due-index row (RowKey of its own)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Azurite CPU per person read (profile + reference): {block.AzuriteMsPerPersonRead:F2} ms as two point reads, {block.AzuriteMsPerPersonQuery:F2} ms as one query of the two rows; Azurite resident memory {block.AzuriteMegabytes:F0} MB"));
        }
        return block;
    }

    private const int ProbeSample = 1000;


    /// <summary>The load averages (1, 5, 15 minutes) from /proc/loadavg: the machine is shared, so every figure carries its load.</summary>
    private static string Load()
    {
        try
        {
            return "load " + string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "load unknown";
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n >= 0 ? n : fallback;
    }

    /// <summary>Azurite's CPU milliseconds per point read of <paramref name="keys"/>, read one key per call, 16 at a time (0 without its process id).</summary>
    private static async Task<double> AzuriteMsPerReadAsync(IStorage tables, int azuritePid, IEnumerable<StorageKey> keys)
    {
        if (azuritePid <= 0) return 0;
        var list = keys.ToList();
        var before = CpuSeconds(azuritePid);
        await Parallel.ForEachAsync(list, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (key, ct) => await tables.ReadAsync([key], ct));
        return (CpuSeconds(azuritePid) - before) * 1000 / Math.Max(1, list.Count);
    }

    /// <summary>Azurite's CPU milliseconds per call of <paramref name="call"/> for each of <paramref name="people"/>, 16 at a time (0 without its process id).</summary>
    private static async Task<double> AzuriteMsPerCallAsync(int azuritePid, IReadOnlyList<int> people, Func<int, CancellationToken, Task> call)
    {
        if (azuritePid <= 0) return 0;
        var before = CpuSeconds(azuritePid);
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) => await call(i, ct));
        return (CpuSeconds(azuritePid) - before) * 1000 / Math.Max(1, people.Count);
    }

    /// <summary>Resident memory of process <paramref name="pid"/> in MB (Linux /proc), 0 when unknown: the emulator holds every row in its heap.</summary>
    private static double ResidentMegabytes(int pid)
    {
        if (pid <= 0) return 0;
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>User plus system CPU seconds of process <paramref name="pid"/> (Linux /proc), 0 when unknown.</summary>
    private static double CpuSeconds(int pid)
    {
        if (pid <= 0) return 0;
        try
        {
            // Fields after the command's closing parenthesis: state is the 3rd field, utime and stime the 14th and 15th.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static ProactiveSender Sender(IStorage storage, TimeProvider clock, LoopbackConnector loopback, int rate)
    {
        var trusted = new TrustedServiceUrls();
        var adapter = new BotHttpAdapter([loopback], trusted, [], NullLogger<BotHttpAdapter>.Instance);
        return new ProactiveSender(storage, adapter, clock, Options.Create(new ProactiveOptions { MaxSendsPerSecond = rate }), ReminderRules.Default, NullLogger<ProactiveSender>.Instance);
    }

    /// <summary>The user row and conversation reference of a person onboarded through the real conversation (daily at 7pm, London).</summary>
    private static async Task<(JsonObject User, ConversationReference Reference)> TemplatesAsync()
    {
        var storage = new MemoryStorage();
        var clock = new BenchClock(Day.AddDays(-1).AddHours(18));
        var adapter = new TestAdapter(clock);
        adapter.Conversation.ServiceUrl = LoopbackUrl;
        var bot = new TrustBotHandler(storage, clock, new JourneyOptions { SafetyResources = new SafetyResources { ["default"] = ["Call your local emergency number."] } });
        foreach (var text in new[] { "hi", "Yes", "Sam", "I was hurt", "Dishonesty", "Yes", "Every day", "7pm", "London", "Show me the menu" })
            await adapter.ProcessActivityAsync(Activity.CreateMessage(text), bot.OnTurnAsync, CancellationToken.None);
        var partition = StateKeys.PersonPartition(new Activity { ChannelId = adapter.Conversation.ChannelId, From = adapter.Conversation.User });
        var rows = await storage.QueryAsync(partition, "", 100, CancellationToken.None);
        var user = JsonNode.Parse(rows.Single(r => r.Key.Row == "user").Value.Json)!.AsObject();
        var reference = JsonSerializer.Deserialize(rows.Single(r => r.Key.Row == RecordKinds.Reference).Value.Json, JourneyJson.Default.ConversationReference)!;
        return (user, reference);
    }

    /// <summary>The minute of person <paramref name="i"/>'s reminder under the layout above.</summary>
    private static DateTimeOffset PlannedMinute(int i, int due, int sends)
    {
        if (i < due) return TickMinute;
        if (i < due + sends) return SendFirst.AddMinutes((i - due) % SendMinutes);
        // Everyone else: 08:01–21:59 outside the reserved windows, round-robin.
        var free = FreeMinutes.Value;
        return Day.AddMinutes(free[(i - due - sends) % free.Length]);
    }

    private static readonly Lazy<int[]> FreeMinutes = new(() => Enumerable.Range(8 * 60 + 1, 14 * 60 - 1)
        .Where(m => m is not (>= 11 * 60 + 45 and <= 12 * 60) && m is not (>= 16 * 60 + 5 and <= 16 * 60 + 20))
        .ToArray());

    /// <summary>Writes everyone: each person's rows in one batch (their partition), the index rows 100 to a batch per minute.</summary>
    /// <remarks>
    /// <paramref name="byTable"/> seeds split tables one after another instead of everyone in turn. Azurite keeps every row as
    /// a JavaScript object in the order it was written, so seeded in turn a table's rows are spread through a heap holding
    /// everyone; among 100,000 people seeding by table cut Azurite's CPU per send from 5.5 to 4.4 ms and halved the seeding.
    /// </remarks>
    private static async Task<int> SeedAsync(IStorage tables, int people, int due, int sends, JsonObject userTemplate, ConversationReference referenceTemplate, bool byTable = false)
    {
        var template = JsonSerializer.Deserialize(userTemplate["profile"], JourneyJson.Default.JourneyProfile)!;
        var indexRows = new ConcurrentDictionary<string, ConcurrentBag<StorageWrite>>();
        var misplaced = 0;
        var now = Day.AddHours(7);
        var split = byTable ? tables as PartitionShards : null;
        var order = split is null ? Enumerable.Range(0, people) : Enumerable.Range(0, people).OrderBy(i => split.ShardOf($"bench/users/p{i}"));
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
        {
            var person = $"bench/users/p{i}";
            var minute = PlannedMinute(i, due, sends);
            var profile = JsonSerializer.Deserialize(JsonSerializer.Serialize(template, JourneyJson.Default.JourneyProfile), JourneyJson.Default.JourneyProfile)!;
            profile.ReminderTime = TimeOnly.FromTimeSpan(minute - Day);
            profile.ScheduledDueKey = profile.ScheduledKind = null;
            profile.LastConversationKey = $"bench|c{i}|{LoopbackUrl}";
            var index = DueIndex.Reschedule(profile, person, now, ReminderRules.Default);
            if (index.Count != 1 || index[0].Key.Partition != DueIndex.PartitionFor(minute)) Interlocked.Increment(ref misplaced);
            foreach (var w in index) indexRows.GetOrAdd(w.Key.Partition, _ => []).Add(w);

            var user = userTemplate.DeepClone().AsObject();
            user["profile"] = JsonSerializer.SerializeToNode(profile, JourneyJson.Default.JourneyProfile);
            var reference = JsonSerializer.Deserialize(JsonSerializer.Serialize(referenceTemplate, JourneyJson.Default.ConversationReference), JourneyJson.Default.ConversationReference)!;
            reference.Conversation = new ConversationAccount { Id = $"c{i}", ConversationType = "personal" };
            reference.User = new ChannelAccount { Id = $"p{i}", Role = RoleTypes.User };
            await tables.WriteAsync(
            [
                new StorageWrite(new StorageKey(person, "user"), user.ToJsonString(), ETags.Any),
                new StorageWrite(new StorageKey(person, RecordKinds.Reference), JsonSerializer.Serialize(reference, JourneyJson.Default.ConversationReference), ETags.Any),
            ], ct);
        });
        var batches = indexRows.OrderBy(p => split?.ShardOf(p.Key) ?? 0)
            .SelectMany(p => p.Value.Chunk(100)).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (batch, ct) => await tables.WriteAsync(batch, ct));
        return misplaced;
    }

    /// <summary>A clock at a chosen instant that then runs on in real time (the send rate's token bucket waits on it).</summary>
    private sealed class ShiftedClock : TimeProvider
    {
        private TimeSpan _offset;

        public void Set(DateTimeOffset now) => _offset = now - System.GetUtcNow();

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
    }

    /// <summary>The channel, in process: counts each conversation's messages.</summary>
    private sealed class LoopbackConnector : IChannelConnector
    {
        private readonly ConcurrentDictionary<string, int> _byConversation = new(StringComparer.Ordinal);
        private int _sent;

        public int Sent => _sent;

        public int Duplicates => _byConversation.Values.Sum(n => n - 1);

        public void Clear()
        {
            _byConversation.Clear();
            _sent = 0;
        }

        public bool Handles(string serviceUrl) => serviceUrl.StartsWith(LoopbackUrl, StringComparison.Ordinal);

        public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _sent);
            _byConversation.AddOrUpdate(activity.Conversation?.Id ?? "", 1, (_, n) => n + 1);
            return Task.FromResult(new ResourceResponse { Id = Guid.NewGuid().ToString("N") });
        }

        public Task<ResourceResponse> UpdateAsync(Activity activity, CancellationToken cancellationToken) => Task.FromResult(new ResourceResponse { Id = activity.Id });

        public Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Requests to Table storage by kind, counted in the client's pipeline (one per HTTP attempt).</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private long _queries;
        private long _rowQueries;
        private long _pointReads;
        private long _writes;

        public override void OnSendingRequest(HttpMessage message)
        {
            var request = message.Request;
            if (request.Method == RequestMethod.Get)
            {
                // A point read addresses one entity: .../Table(PartitionKey='…',RowKey='…').
                if (request.Uri.Path.EndsWith(')') && request.Uri.Path.Contains("RowKey=", StringComparison.Ordinal)) Interlocked.Increment(ref _pointReads);
                // Rows named by key in one query (TableStorage.ReadRowsAsync): their filter compares RowKey for equality.
                else if (Uri.UnescapeDataString(request.Uri.Query).Contains("RowKey eq", StringComparison.Ordinal)) Interlocked.Increment(ref _rowQueries);
                else Interlocked.Increment(ref _queries);
            }
            else
            {
                Interlocked.Increment(ref _writes);
            }
        }

        public Counts Snapshot() => new(Interlocked.Read(ref _queries), Interlocked.Read(ref _rowQueries), Interlocked.Read(ref _pointReads), Interlocked.Read(ref _writes));
    }

    /// <summary>One send block's figures (see <see cref="SendBlockAsync"/>).</summary>
    private sealed record SendBlock(int People, int Due, int Sent, TimeSpan Elapsed, int Duplicates, Counts Requests, IReadOnlyDictionary<string, long> ByKind,
        double BenchCpuSeconds, double AzuriteCpuSeconds, string LoadBefore, string LoadAfter)
    {
        public double AzuriteMsPerProfileRead { get; init; }

        public double AzuriteMsPerIndexRead { get; init; }

        public double AzuriteMsPerPersonRead { get; init; }

        public double AzuriteMsPerPersonQuery { get; init; }

        public double AzuriteMegabytes { get; init; }

        public double Rate => Sent / Elapsed.TotalSeconds;

        public double PerSend(long count) => (double)count / Math.Max(1, Sent);

        public JsonObject ToJson(int rate, bool withAzurite)
        {
            var json = new JsonObject
            {
                ["tablePeople"] = People,
                ["sendsDue"] = Due,
                ["sent"] = Sent,
                ["sendSeconds"] = Math.Round(Elapsed.TotalSeconds, 2),
                ["sendsPerSecond"] = Math.Round(Rate, 1),
                ["maxSendsPerSecond"] = rate,
                ["duplicates"] = Duplicates,
                ["sendQueries"] = Requests.Queries,
                ["sendRowQueries"] = Requests.RowQueries,
                ["sendPointReads"] = Requests.PointReads,
                ["sendWrites"] = Requests.Writes,
                ["sendRequestsPerSend"] = Math.Round(PerSend(Requests.Total), 2),
                ["sendRequestsByKind"] = new JsonObject(ByKind.Select(k => KeyValuePair.Create(k.Key, (JsonNode?)k.Value))),
                ["sendBenchCpuSeconds"] = Math.Round(BenchCpuSeconds, 1),
                ["benchMsPerSend"] = Math.Round(BenchCpuSeconds * 1000 / Math.Max(1, Sent), 2),
                ["sendLoadBefore"] = LoadBefore,
                ["sendLoadAfter"] = LoadAfter,
            };
            if (withAzurite)
            {
                json["sendAzuriteCpuSeconds"] = Math.Round(AzuriteCpuSeconds, 1);
                json["azuriteMsPerSend"] = Math.Round(AzuriteCpuSeconds * 1000 / Math.Max(1, Sent), 1);
                json["azuriteMsPerProfileRead"] = Math.Round(AzuriteMsPerProfileRead, 2);
                json["azuriteMsPerIndexRead"] = Math.Round(AzuriteMsPerIndexRead, 2);
                json["azuriteMsPerPersonRead"] = Math.Round(AzuriteMsPerPersonRead, 2);
                json["azuriteMsPerPersonQuery"] = Math.Round(AzuriteMsPerPersonQuery, 2);
                json["azuriteMegabytes"] = Math.Round(AzuriteMegabytes);
            }
            return json;
        }
    }

    /// <summary>One tick's figures (see <see cref="TickAsync"/>).</summary>
    private sealed record Tick(int Sent, Counts Requests, TimeSpan Elapsed)
    {
        public void AddTo(JsonObject json)
        {
            json["tickSent"] = Sent;
            json["tickReads"] = Requests.Reads;
            json["tickQueries"] = Requests.Queries;
            json["tickRowQueries"] = Requests.RowQueries;
            json["tickPointReads"] = Requests.PointReads;
            json["tickWrites"] = Requests.Writes;
            json["tickMs"] = Math.Round(Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>Requests by kind: partition queries (a due minute), queries of rows named by key (a person's rows in one request), point reads, writes.</summary>
    private readonly record struct Counts(long Queries, long RowQueries, long PointReads, long Writes)
    {
        public long Reads => Queries + RowQueries + PointReads;

        public long Total => Reads + Writes;

        public static Counts operator -(Counts a, Counts b) => new(a.Queries - b.Queries, a.RowQueries - b.RowQueries, a.PointReads - b.PointReads, a.Writes - b.Writes);
    }
}
