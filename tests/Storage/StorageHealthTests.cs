using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Storage;
using TrustBot.State;

namespace TrustBot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class StorageHealthTests(AzuriteFixture azurite)
{
    private static WebApplicationFactory<Program> Host(Dictionary<string, string?> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(settings)));

    /// <summary>
    /// /healthz until it says 200, for at most a few probes: on a machine under heavy load a probe
    /// can exceed the health check's own timeout, which is the check working, not failing.
    /// </summary>
    private static async Task<HttpStatusCode> HealthBecomesOkAsync(HttpClient client)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 5 && status != HttpStatusCode.OK; attempt++)
        {
            if (attempt > 0) await Task.Delay(500);
            status = (await client.GetAsync("/healthz")).StatusCode;
        }
        return status;
    }

    [Fact]
    public async Task Healthz_is_200_while_table_storage_answers_503_when_it_dies_and_200_after_it_restarts()
    {
        await using var host = Host(new()
        {
            ["Storage:Provider"] = "Table",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
        });
        using var client = host.CreateClient();
        Assert.IsType<TableStorage>(host.Services.GetRequiredService<IStorage>());

        Assert.Equal(HttpStatusCode.OK, await HealthBecomesOkAsync(client));
        try
        {
            azurite.Kill();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            await azurite.RestartAsync();
        }
        Assert.Equal(HttpStatusCode.OK, await HealthBecomesOkAsync(client));
    }

    [Fact]
    public async Task Memory_provider_uses_memory_storage_and_is_healthy_without_any_table_service()
    {
        await using var host = Host(new()
        {
            ["Storage:Provider"] = "Memory",
            ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteFixture.DevAccountKey + ";TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
        });
        using var client = host.CreateClient();

        Assert.IsType<MemoryStorage>(host.Services.GetRequiredService<IStorage>());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Healthz_is_503_when_the_configured_table_service_is_not_running()
    {
        await using var host = Host(new()
        {
            ["Storage:Provider"] = "Table",
            ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteFixture.DevAccountKey + ";TableEndpoint=http://127.0.0.1:1/devstoreaccount1;",
        });
        using var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
    }
}
