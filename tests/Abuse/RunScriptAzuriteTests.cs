using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using TrustBot.Tests.Storage;

namespace TrustBot.Tests.Abuse;

/// <summary>
/// ./run.sh keeps Azurite's data in .data/azurite and promises that stopping and starting keeps every
/// person's progress. Azurite saves on SIGINT, not SIGTERM; this drives the very start and stop
/// functions run.sh uses (scripts/azurite.sh) with a write just before the stop.
/// </summary>
[Collection(DiskAzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class RunScriptAzuriteTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "trustbot-runsh-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public async Task An_entity_written_just_before_run_sh_stops_azurite_is_there_after_the_next_start()
    {
        var port = FreePort();
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteFixture.DevAccountKey};TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

        var timer = Stopwatch.StartNew();
        using (var first = await ScriptedAzurite.StartAsync(_data, port))
        {
            output.WriteLine($"started {timer.Elapsed}");
            var table = new TableServiceClient(connection).GetTableClient("RunShStop");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new TableEntity("person", "answer") { ["Text"] = "kept" });
            output.WriteLine($"written {timer.Elapsed}");
            var stopping = timer.Elapsed;
            await first.StopAsync();
            output.WriteLine($"stopped {timer.Elapsed}");

            // The client's idle keep-alive connection is still open, as a running bot's would be: Azurite must not
            // sit on it until the 20 s kill (Ctrl-C on run.sh would hang, and the kill could cost the last writes).
            Assert.True(timer.Elapsed - stopping < TimeSpan.FromSeconds(10), $"stopping took {timer.Elapsed - stopping}");
        }

        using var second = await ScriptedAzurite.StartAsync(_data, port);
        var again = new TableServiceClient(connection).GetTableClient("RunShStop");
        output.WriteLine($"restarted {timer.Elapsed}");
        var entity = await again.GetEntityIfExistsAsync<TableEntity>("person", "answer");
        output.WriteLine($"read {timer.Elapsed}");
        await second.StopAsync();

        Assert.True(entity.HasValue, "the entity written before the stop was lost");
        Assert.Equal("kept", entity.Value!.GetString("Text"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>bash sourcing scripts/azurite.sh: starts Azurite, then stops it when told (a line on stdin).</summary>
    private sealed class ScriptedAzurite : IDisposable
    {
        private readonly Process _bash;

        private ScriptedAzurite(Process bash) => _bash = bash;

        public static async Task<ScriptedAzurite> StartAsync(string data, int port)
        {
            var info = new ProcessStartInfo("bash")
            {
                WorkingDirectory = Repository.Root,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "-c", ". scripts/azurite.sh && azurite_start \"$0\" \"$1\" || exit 1; echo started; read -r _; azurite_stop; echo stopped", data, port.ToString() })
                info.ArgumentList.Add(arg);
            var bash = Process.Start(info)!;
            var started = bash.StandardOutput.ReadLineAsync();
            if (await Task.WhenAny(started, Task.Delay(TimeSpan.FromSeconds(60))) != started || await started != "started")
            {
                if (!bash.HasExited) bash.Kill(entireProcessTree: true);
                var log = Path.Combine(data, "azurite.log");
                Assert.Fail($"Azurite did not start: {await bash.StandardError.ReadToEndAsync()} {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no log)")}");
            }
            return new ScriptedAzurite(bash);
        }

        public async Task StopAsync()
        {
            await _bash.StandardInput.WriteLineAsync("stop");
            await _bash.StandardInput.FlushAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            Assert.Equal("stopped", await _bash.StandardOutput.ReadLineAsync(timeout.Token));
            await _bash.WaitForExitAsync(timeout.Token);
        }

        public void Dispose()
        {
            if (!_bash.HasExited) _bash.Kill(entireProcessTree: true);
            _bash.Dispose();
        }
    }
}

/// <summary>
/// Tests that start their own Azurite with data on disk run one after another: each start takes seconds
/// on a loaded machine, and starting two at once made one miss its 30 s start-up window.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DiskAzuriteCollection
{
    public const string Name = "Azurite with data on disk";
}
