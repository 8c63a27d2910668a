using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using TrustBot.State;
using TrustBot.Tests.Storage;
using Xunit.Abstractions;

namespace TrustBot.Tests.Integration;

/// <summary>
/// Azurite keeping its data on disk, so it can go down and come back with the data — as the real
/// storage service does after an outage. (The shared fixture runs in memory and comes back empty.)
/// Stopped with SIGINT: from the bot's side the port just goes dead, as in a crash, while Azurite
/// still flushes its database (it saves to disk only every few seconds).
/// </summary>
internal sealed class DurableAzurite : IAsyncDisposable
{
    private readonly string _location = Path.Combine(Path.GetTempPath(), "trustbot-azurite-durable-" + Guid.NewGuid().ToString("N"));
    private readonly string _binary;
    private Process? _process;
    private TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DurableAzurite()
    {
        _binary = Path.Combine(Repository.Root, "node_modules", ".bin", "azurite-table");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteFixture.DevAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_location);
        var start = new ProcessStartInfo(_binary) { WorkingDirectory = _location, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", _location, "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl" })
            start.ArgumentList.Add(arg);
        _closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = _closed;
        _process = Process.Start(start)!;
        // Azurite may linger after closing its server and database; that line is the moment its data is safe.
        _process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("successfully closed", StringComparison.Ordinal) == true) closed.TrySetResult(); };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        // The same allowance as AzuriteFixture: on two cores shared with other work, node alone can take half a minute.
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}.");
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException($"Azurite did not listen on port {Port} within 60 s: check that node_modules/azurite is installed (npm ci --ignore-scripts) and that the machine is not saturated.");
    }

    /// <summary>Takes Azurite down: it stops answering at once and saves its data on the way out.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        using (var signal = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await signal.WaitForExitAsync();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await Task.WhenAny(_process.WaitForExitAsync(wait.Token), _closed.Task.WaitAsync(wait.Token));
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

/// <summary>What the bot does while its storage is down, and that it recovers without a restart.</summary>
[Collection(TrustBot.Tests.Abuse.DiskAzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Storage_down_answers_503_then_recovers()
    {
        var total = Stopwatch.StartNew();
        await using var azurite = new DurableAzurite();
        await azurite.StartAsync();
        output.WriteLine($"{total.Elapsed.TotalSeconds:0.0} s: Azurite up");
        await using var bot = new IntegrationBot(azurite.ConnectionString, AzuriteFixture.NewTablePrefix());
        using var client = bot.CreateClient();
        var person = new Person("29:outage", "outage-chat");
        await person.SayAsync(client, "hi");
        await person.SayAsync(client, "Yes");
        await person.SayAsync(client, "Sam");
        var raw = StoredState.Storage(azurite.ConnectionString, bot.TablePrefix);
        var before = await ReadRowsAsync(raw, person.Partition);
        Assert.Contains("user", before.Keys);

        output.WriteLine($"{total.Elapsed.TotalSeconds:0.0} s: conversation started");
        await azurite.StopAsync();
        output.WriteLine($"{total.Elapsed.TotalSeconds:0.0} s: Azurite down");
        var clock = Stopwatch.StartNew();
        var (status, replies) = await person.SendAsync(client, "I was hurt");
        var failedAfter = clock.Elapsed;
        using var health = await client.GetAsync("/healthz");
        output.WriteLine($"storage down: turn answered {(int)status} after {failedAfter.TotalSeconds:0.0} s; /healthz {(int)health.StatusCode}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.True(failedAfter < TimeSpan.FromSeconds(15), $"the failing turn took {failedAfter.TotalSeconds:0.0} s");
        var apology = Assert.Single(replies);
        Assert.Contains("can't reach my memory", apology.Text);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);

        await azurite.StartAsync();
        output.WriteLine($"{total.Elapsed.TotalSeconds:0.0} s: Azurite back");
        using var healthy = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(before, await ReadRowsAsync(raw, person.Partition));

        var answer = await person.SayAsync(client, "I was hurt");
        Assert.Contains(answer, r => r.Contains("What broke the trust?", StringComparison.Ordinal));
        foreach (var text in Person.Onboarding[4..9]) await person.SayAsync(client, text);
        var profile = await StoredState.ProfileAsync(raw, person.Partition);
        Assert.Equal(("Sam", TrustBot.Journey.PartnerRole.Hurt), (profile!.Name, profile.Role));
    }

    /// <summary>Every row of the person, by row key, as compact JSON.</summary>
    private static async Task<Dictionary<string, string>> ReadRowsAsync(IStorage storage, string partition) =>
        (await storage.QueryAsync(partition, "", 100, default)).ToDictionary(r => r.Key.Row, r => JsonNode.Parse(r.Value.Json)!.ToJsonString());
}
