using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TrustBot.Tests.Storage;

/// <summary>
/// Azurite's Table service on a free loopback port, in memory, for the whole test collection.
/// Tests can <see cref="Kill"/> and <see cref="RestartAsync"/> it (same port) to simulate outages;
/// data does not survive a restart.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account key (public, documented by Microsoft).</summary>
    public const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binary;
    private readonly string _workDir = Path.Combine(Path.GetTempPath(), "trustbot-azurite-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _output = new();
    private Process? _process;

    public AzuriteFixture()
    {
        var root = Repository.Root;
        _binary = Path.Combine(root, "node_modules", ".bin", "azurite-table");
        Port = FreePort();
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevAccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <summary>A table prefix no other test uses.</summary>
    public static string NewTablePrefix() => "T" + Guid.NewGuid().ToString("N")[..12];

    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
        return Task.CompletedTask;
    }

    /// <summary>Stops Azurite at once, as a crash would.</summary>
    public void Kill()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts Azurite again on the same port (empty: it keeps data in memory only).</summary>
    public async Task RestartAsync()
    {
        Kill();
        await StartAsync();
    }

    private async Task StartAsync()
    {
        if (!File.Exists(_binary))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({_binary} is missing). Run `npm ci --ignore-scripts` in the repository root (./test.sh does it).");
        }
        Directory.CreateDirectory(_workDir);
        var start = new ProcessStartInfo(_binary)
        {
            WorkingDirectory = _workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableProductStyleUrl",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        lock (_output) _output.Clear();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_binary}.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before it listened on port {Port}:\n{Output()}");
            if (await PortAnswersAsync()) return;
            await Task.Delay(100);
        }
        Kill();
        throw new InvalidOperationException($"Azurite did not listen on port {Port} within {StartTimeout.TotalSeconds:0} s:\n{Output()}");
    }

    private string Output()
    {
        lock (_output) return _output.ToString();
    }

    private async Task<bool> PortAnswersAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

}

/// <summary>Tests that need Azurite join this collection; they run one after another against one instance.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
