using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;
using TrustBot.State;

namespace TrustBot.Bot.Storage;

internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IStorage"/> by <c>Storage:Provider</c> (<c>Table</c> → <see cref="TableStorage"/>,
    /// <c>Memory</c> → <see cref="MemoryStorage"/>), the shared <see cref="TableServiceClient"/> and the
    /// storage health check behind /healthz, which asks the provider's <see cref="IStorageProbe"/>.
    /// </summary>
    public static IServiceCollection AddTrustBotStorage(this IServiceCollection services)
    {
        services.AddSingleton(sp => CreateServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<TableStorage>();
        services.AddSingleton<MemoryStorage>();
        services.AddSingleton<IStorage>(sp => IsMemory(sp)
            ? sp.GetRequiredService<MemoryStorage>()
            : sp.GetRequiredService<TableStorage>());
        services.AddSingleton<InProcessStorageProbe>();
        services.AddSingleton<IStorageProbe>(sp => IsMemory(sp)
            ? sp.GetRequiredService<InProcessStorageProbe>()
            : sp.GetRequiredService<TableStorage>());
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    private static bool IsMemory(IServiceProvider services) => services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == "Memory";

    /// <summary>
    /// Client options for a bot turn's budget: a few quick retries with exponential backoff and a
    /// short per-try timeout, so a dead storage fails a turn within seconds instead of the SDK's
    /// default of minutes. Refused connections give up in about a second, a hung service in about
    /// 7 s (3 tries × 2 s) — before a channel's 10–15 s patience runs out. Table calls take
    /// milliseconds, and even a 1 MiB entity is well under 2 s within a region.
    /// </summary>
    internal static TableClientOptions CreateClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(250);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(2);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(2);
        return options;
    }

    /// <summary>
    /// With <c>Storage:Endpoint</c>, a client that signs in with Entra ID (production: the app's managed identity,
    /// so no account key exists anywhere); otherwise one from the connection string (Azurite, or an account key).
    /// </summary>
    internal static TableServiceClient CreateServiceClient(StorageOptions options, TokenCredential? credential = null, TableClientOptions? clientOptions = null)
    {
        if (string.IsNullOrWhiteSpace(options.Endpoint)) return CreateServiceClient(options.ConnectionString, clientOptions);
        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme != Uri.UriSchemeHttps)
            throw new InvalidOperationException("Storage:Endpoint must be an https table endpoint URL, such as https://myaccount.table.core.windows.net/.");
        return new TableServiceClient(endpoint, credential ?? CreateCredential(options), clientOptions ?? CreateClientOptions());
    }

    /// <summary>The configured user-assigned identity when its client id is given, else the default chain (managed identity, then developer sign-ins).</summary>
    internal static TokenCredential CreateCredential(StorageOptions options) =>
        string.IsNullOrWhiteSpace(options.ManagedIdentityClientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ManagedIdentityClientId));

    internal static TableServiceClient CreateServiceClient(string connectionString, TableClientOptions? clientOptions = null)
    {
        try
        {
            return new TableServiceClient(connectionString, clientOptions ?? CreateClientOptions());
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                "Storage:ConnectionString is not a valid Azure Storage connection string. Use the storage account's connection string, or UseDevelopmentStorage=true for Azurite.", ex);
        }
    }
}
