using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrustBot.Bot.Hosting;
using TrustBot.Bot.Storage;
using TrustBot.State;

namespace TrustBot.Tests.Storage;

/// <summary>A table endpoint that accepts connections and never answers, like a hung service.</summary>
[Trait(Tier.Name, Tier.Integration)]
public sealed class TableStorageTimeoutTests : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();

    public TableStorageTimeoutTests()
    {
        _listener.Start();
        _ = HoldConnectionsAsync();
    }

    private string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteFixture.DevAccountKey};TableEndpoint=http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/devstoreaccount1;";

    private async Task HoldConnectionsAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_held) _held.Add(client);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }

    [Fact]
    public async Task A_hung_table_service_fails_a_call_within_seconds_and_the_health_check_within_its_timeout()
    {
        var storage = TableStorageFactory.Create(ConnectionString);
        var options = new StorageOptions { HealthCheckTimeoutSeconds = 3 };
        var health = new StorageHealthCheck(storage, Microsoft.Extensions.Options.Options.Create(options));

        var clock = Stopwatch.StartNew();
        var read = Assert.ThrowsAsync<StorageUnavailableException>(() => storage.ReadAsync([new StorageKey("p", "r")], CancellationToken.None));
        var check = health.CheckHealthAsync(new HealthCheckContext(), CancellationToken.None);

        var result = await check;
        var healthTook = clock.Elapsed;
        await read;
        var readTook = clock.Elapsed;

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.True(healthTook < TimeSpan.FromSeconds(options.HealthCheckTimeoutSeconds + 3), $"health check took {healthTook}");
        Assert.True(readTook < TimeSpan.FromSeconds(15), $"the read gave up after {readTook}");
        Assert.True(readTook > TimeSpan.FromSeconds(2), "the read should have waited for the service before giving up");
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held)
            foreach (var c in _held) c.Dispose();
        _stop.Dispose();
    }
}
