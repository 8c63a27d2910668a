using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrustBot.Bot.Storage;
using TrustBot.Tests.Http;

namespace TrustBot.Tests.Storage;

/// <summary>/healthz asks the storage's probe, whatever the storage is, and waits as long as configuration says.</summary>
public sealed class StorageHealthCheckTests
{
    [Fact]
    public async Task A_storage_that_does_not_answer_within_the_configured_timeout_makes_healthz_503_and_says_how_long_it_waited()
    {
        await using var host = ProbedBot(new SilentProbe(), timeoutSeconds: 1);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal("Storage (a silent store) did not answer within 1 s.", report.Entries["storage"].Description);
    }

    [Fact]
    public async Task A_slow_storage_is_healthy_when_the_timeout_allows_for_it()
    {
        await using var host = ProbedBot(new SlowProbe(TimeSpan.FromMilliseconds(1200)), timeoutSeconds: 10);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Memory_storage_is_probed_in_process_and_healthy()
    {
        await using var host = new TrustBotFactory();
        using var client = host.CreateClient();

        Assert.IsType<InProcessStorageProbe>(host.Services.GetRequiredService<IStorageProbe>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("61")]
    public void A_health_check_timeout_outside_1_to_60_seconds_stops_the_bot_naming_the_setting(string seconds)
    {
        using var host = new TrustBotFactory(new Dictionary<string, string?> { ["Storage:HealthCheckTimeoutSeconds"] = seconds });

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("Storage:HealthCheckTimeoutSeconds must be a whole number of seconds from 1 to 60.", error.ToString());
    }

    /// <summary>The real bot over memory storage, with the given probe standing in for the storage's own.</summary>
    private static WebApplicationFactory<Program> ProbedBot(IStorageProbe probe, int timeoutSeconds) =>
        new TrustBotFactory(new Dictionary<string, string?> { ["Storage:HealthCheckTimeoutSeconds"] = timeoutSeconds.ToString(CultureInfo.InvariantCulture) })
            .WithWebHostBuilder(b => b.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton(probe))));

    /// <summary>A store that never answers (a hung connection).</summary>
    private sealed class SilentProbe : IStorageProbe
    {
        public string Description => "a silent store";

        public Task ProbeAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }

    /// <summary>A store that answers, slowly (a busy machine).</summary>
    private sealed class SlowProbe(TimeSpan delay) : IStorageProbe
    {
        public string Description => "a slow store";

        public Task ProbeAsync(CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
    }
}
