using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using TrustBot.Bench;
using TrustBot.Journey;
using TrustBot.Safety;
using TrustBot.State;
using TrustBot.Testing;

// Times each turn of a daily check-in through the real TrustBotHandler, in-process, over MemoryStorage.
// Exit codes: 0 ok, 2 a reply was not what the check-in should say, 3 the storage budget was exceeded, 64 bad arguments.

// "chart <raw dir> <rounds> <png>" draws the comparison chart from run.sh's results instead of benchmarking.
if (args is ["chart", var rawDirectory, var roundsText, var pngPath] && int.TryParse(roundsText, out var chartRounds) && chartRounds > 0)
    return ComparisonChart.Draw(rawDirectory, chartRounds, pngPath);

// "bare <url>" serves the bare Kestrel endpoint the HTTP benchmark (bench/http.sh) compares the bot with.
if (args is ["bare", var bareUrl])
    return await BareEndpoint.RunAsync(bareUrl);

// "cache-memory <people>" measures what one cached person costs in memory (README, "Storage and scale").
if (args is ["cache-memory", var peopleText] && int.TryParse(peopleText, out var cachedPeople) && cachedPeople > 0)
    return await CacheMemory.RunAsync(cachedPeople);

// "scheduler <connection string> [--people N] [--due N] [--sends N] [--rate N] [--azurite-pid N] [--blocks abc] [--shard-people N] [--seed-by-table] [--point-reads] [--json path]": the proactive scheduler at scale over Azurite.
if (args is ["scheduler", var tablesConnection, ..])
    return await SchedulerBench.RunAsync(tablesConnection, args[2..]);

// "burst <url> [--json path]": ten messages of one person at once over HTTP; none may be lost.
if (args is ["burst", var burstUrl, ..])
    return await HttpBurst.RunAsync(burstUrl, args[2..]);

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("Usage: TrustBot.Bench [--iterations N] [--warmup N] [--batch N] [--json path] [--alloc-types]  |  TrustBot.Bench chart <raw dir> <rounds> <png>");
    return 64;
}

var storage = new MemoryStorage();
var clock = new BenchClock(new DateTimeOffset(2026, 11, 2, 18, 0, 0, TimeSpan.Zero));
var adapter = new TestAdapter(clock);
// As deployed: with the state cache (its ages on the real clock; the bench clock jumps a day per check-in).
var bot = new TrustBotHandler(storage, clock, new JourneyOptions
{
    SafetyResources = new SafetyResources { ["default"] = ["Call your local emergency number."] },
}, cache: new StateCache(1000, TimeSpan.FromMinutes(5), TimeProvider.System));

// The person onboards through the conversation itself, exactly as the flow tests do.
string[] onboarding = ["hi", "Yes", "Sam", "I was hurt", "Dishonesty", "Yes", "Every day", "7pm", "London", "Show me the menu"];
foreach (var text in onboarding)
{
    await adapter.ProcessActivityAsync(Activity.CreateMessage(text), bot.OnTurnAsync, CancellationToken.None);
    while (adapter.NextReply() is not null) { }
}

var script = CheckInScript.Turns;
var perTurn = script.Select((t, i) => new TurnStats(i + 1, t.Input, options.Iterations)).ToArray();
var failures = new List<string>();
var budgetViolations = new List<string>();
// The first check-ins after start, before tiered compilation has promoted the hot paths: reported, not part of the main figures.
const int EarlyCheckIns = 500;
var early = new TurnStats(0, "early", EarlyCheckIns * script.Length);
var firstCheckInMicros = 0.0;
var asyncTurns = 0;
var measuredTurns = 0;

void RunCheckIn(int checkIn, bool measure)
{
    for (var i = 0; i < script.Length; i++)
    {
        var activity = Activity.CreateMessage(script[i].Input);
        var (reads0, writes0) = (storage.ReadCalls, storage.WriteCalls);
        var thread = Environment.CurrentManagedThreadId;
        var allocated0 = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();

        var turn = adapter.ProcessActivityAsync(activity, bot.OnTurnAsync, CancellationToken.None);
        var completedInline = turn.IsCompleted;
        turn.GetAwaiter().GetResult();

        var elapsed = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocated0;
        var reads = storage.ReadCalls - reads0;
        var writes = storage.WriteCalls - writes0;

        var replies = new List<Activity>();
        while (adapter.NextReply() is { } reply) replies.Add(reply);
        if (script[i].Check(replies) is { } problem && failures.Count < 10)
            failures.Add($"check-in {checkIn}, turn {i + 1} (\"{script[i].Input}\"): {problem}; got [{string.Join(" | ", replies.Select(r => r.Text))}]");
        if ((reads > CheckInScript.MaxReadsPerTurn || writes > CheckInScript.MaxWritesPerTurn) && budgetViolations.Count < 10)
            budgetViolations.Add($"check-in {checkIn}, turn {i + 1} (\"{script[i].Input}\"): {reads} reads, {writes} writes");

        if (!measure)
        {
            if (checkIn <= EarlyCheckIns) early.Add(elapsed.TotalMicroseconds, allocated, reads, writes);
            if (checkIn == 1) firstCheckInMicros += elapsed.TotalMicroseconds;
            continue;
        }
        // A turn that finished on another thread would hide its allocations from the per-thread counter.
        if (!completedInline || thread != Environment.CurrentManagedThreadId) asyncTurns++;
        measuredTurns++;
        perTurn[i].Add(elapsed.TotalMicroseconds, allocated, reads, writes);
    }
    clock.Advance(TimeSpan.FromDays(1));
}

static void Collect()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
}

var uptimeBefore = Uptime();
var checkIns = 0;
// Warm-up in two halves with a pause between, so tiered compilation can promote the hot paths before timing.
for (var i = 0; i < options.Warmup / 2; i++) RunCheckIn(++checkIns, measure: false);
Thread.Sleep(500);
for (var i = options.Warmup / 2; i < options.Warmup; i++) RunCheckIn(++checkIns, measure: false);

// Process CPU time (all threads: JIT, GC, thread pool) while the batches run; less sensitive to other load on the machine than wall time.
var cpu = TimeSpan.Zero;
using var sampler = options.AllocationTypes ? new AllocationSampler() : null;
sampler?.Start();
var wall = Stopwatch.StartNew();
for (var done = 0; done < options.Iterations;)
{
    adapter.Sent.Clear();
    Collect();
    var batchEnd = Math.Min(options.Iterations, done + options.Batch);
    var cpu0 = Environment.CpuUsage.TotalTime;
    for (; done < batchEnd; done++) RunCheckIn(++checkIns, measure: true);
    cpu += Environment.CpuUsage.TotalTime - cpu0;
}
wall.Stop();
sampler?.Stop();
var uptimeAfter = Uptime();

var all = new TurnStats(0, "all turns", options.Iterations * script.Length);
foreach (var t in perTurn) all.AddAll(t);

Console.WriteLine($"TrustBot check-in benchmark: C# TrustBotHandler on {RuntimeInformation.FrameworkDescription}, TestAdapter + MemoryStorage");
Console.WriteLine($"{options.Iterations} check-ins x {script.Length} turns measured, {options.Warmup} check-ins warm-up, GC between batches of {options.Batch}; measured phase {wall.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"{"turn",-5} {"input",-10} {"mean µs",9} {"median µs",10} {"p95 µs",9} {"alloc B",9} {"reads",6} {"writes",6}");
foreach (var t in perTurn.Append(all))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{(t.Turn == 0 ? "all" : t.Turn.ToString(CultureInfo.InvariantCulture)),-5} {t.Input,-10} {t.Mean,9:F1} {t.Median,10:F1} {t.P95,9:F1} {t.MeanAllocated,9:F0} {t.MeanReads,6:F2} {t.MeanWrites,6:F2}"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"process CPU time per turn: {cpu.TotalMicroseconds / measuredTurns:F1} µs"));
if (early.Count > 0)
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"early (first {early.Count / script.Length} check-ins of the warm-up): mean {early.Mean:F1} µs, median {early.Median:F1} µs per turn; the very first check-in took {firstCheckInMicros / 1000:F1} ms for {script.Length} turns"));
if (sampler is not null)
{
    Console.WriteLine("allocated types (sampled share of the measured turns' bytes):");
    foreach (var (type, share) in sampler.Top(25)) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {share,6:P1}  {type}"));
}
if (asyncTurns > 0) Console.WriteLine($"note: {asyncTurns} of {measuredTurns} turns did not complete inline; their allocation figures are incomplete");

if (options.JsonPath is { } path)
{
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    using var stream = File.Create(path);
    using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
    json.WriteStartObject();
    json.WriteString("implementation", "C# TrustBotHandler (dialogs/Journey) via TestAdapter over MemoryStorage");
    json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
    json.WriteNumber("iterations", options.Iterations);
    json.WriteNumber("warmup", options.Warmup);
    json.WriteNumber("batch", options.Batch);
    json.WriteNumber("turnsPerCheckIn", script.Length);
    json.WriteNumber("measuredSeconds", Math.Round(wall.Elapsed.TotalSeconds, 2));
    json.WriteNumber("asyncTurns", asyncTurns);
    json.WriteNumber("cpuUsPerTurn", Math.Round(cpu.TotalMicroseconds / measuredTurns, 2));
    if (early.Count > 0)
    {
        json.WriteNumber("firstCheckInMs", Math.Round(firstCheckInMicros / 1000, 2));
        json.WritePropertyName("early");
        early.Write(json);
    }
    json.WriteString("uptimeBefore", uptimeBefore);
    json.WriteString("uptimeAfter", uptimeAfter);
    json.WriteStartArray("turns");
    foreach (var t in perTurn) t.Write(json);
    json.WriteEndArray();
    json.WritePropertyName("all");
    all.Write(json);
    json.WriteEndObject();
}

foreach (var f in failures) Console.Error.WriteLine("WRONG REPLY: " + f);
foreach (var v in budgetViolations) Console.Error.WriteLine($"STORAGE BUDGET EXCEEDED (max {CheckInScript.MaxReadsPerTurn} reads, {CheckInScript.MaxWritesPerTurn} write per turn): " + v);
if (failures.Count > 0) return 2;
if (budgetViolations.Count > 0) return 3;
Console.WriteLine($"ok: every reply matched the check-in script; at most {all.MaxReads} read(s) and {all.MaxWrites} write(s) per turn");
return 0;

static string Uptime()
{
    try
    {
        return File.Exists("/proc/loadavg") ? "loadavg " + File.ReadAllText("/proc/loadavg").Trim() : "n/a";
    }
    catch (IOException)
    {
        return "n/a";
    }
}

internal sealed record BenchOptions(int Iterations, int Warmup, int Batch, string? JsonPath, bool AllocationTypes = false)
{
    public static BenchOptions? Parse(string[] args)
    {
        var o = new BenchOptions(3000, 6000, 100, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--iterations" when int.TryParse(value, out var n) && n > 0: o = o with { Iterations = n }; i++; break;
                case "--warmup" when int.TryParse(value, out var n) && n >= 0: o = o with { Warmup = n }; i++; break;
                case "--batch" when int.TryParse(value, out var n) && n > 0: o = o with { Batch = n }; i++; break;
                case "--json" when value is not null: o = o with { JsonPath = value }; i++; break;
                case "--alloc-types": o = o with { AllocationTypes = true }; break;
                default: return null;
            }
        }
        return o;
    }
}
