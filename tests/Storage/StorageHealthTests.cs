using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Storage;
using TrustBot.State;

namespace TrustBot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class StorageHealthTests(AzuriteFixture azurite)
{
    private static WebApplicationFactory<Program> Host(Dictionary<string, string?> settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(settings)));

    [Fact]
    public async Task Healthz_is_200_while_table_storage_answers_503_when_it_dies_and_200_after_it_restarts()
    {
        await using var host = Host(new()
        {
            ["Storage:Provider"] = "Table",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:TablePrefix"] = AzuriteFixture.NewTablePrefix(),
            // A loaded test machine can be slow; a dead Azurite refuses connections at once, so this costs nothing.
            ["Storage:HealthCheckTimeoutSeconds"] = "30",
        });
        using var client = host.CreateClient();
        Assert.IsType<TableStorage>(host.Services.GetRequiredService<IStorage>());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
        try
        {
            azurite.Kill();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
        }
        finally
        {
            await azurite.RestartAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
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
