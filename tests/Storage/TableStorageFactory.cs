using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;
using TrustBot.Bot.Storage;

namespace TrustBot.Tests.Storage;

internal static class TableStorageFactory
{
    /// <summary>A <see cref="TableStorage"/> with the bot's client settings on its own, fresh table.</summary>
    public static TableStorage Create(string connectionString, string? tablePrefix = null) =>
        new(StorageServiceCollectionExtensions.CreateServiceClient(connectionString),
            Options.Create(new StorageOptions { ConnectionString = connectionString, TablePrefix = tablePrefix ?? AzuriteFixture.NewTablePrefix() }),
            NullLogger<TableStorage>.Instance);
}
