using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;
using TrustBot.Bot.Storage;
using TrustBot.Journey;
using TrustBot.State;
using TrustBot.Tests.Journey;

namespace TrustBot.Tests.Storage;

/// <summary>
/// The table client's own retry of a batch the service already stored (its reply timed out) meets the
/// ETag that batch produced and reports 412; the person's message must still count once.
/// </summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class LandedBatchRetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_answer_whose_batch_was_stored_but_timed_out_counts_once_over_table_storage()
    {
        var lose = new LoseFirstBatchReply();
        var clientOptions = StorageServiceCollectionExtensions.CreateClientOptions();
        clientOptions.AddPolicy(lose, HttpPipelinePosition.PerRetry);
        var storage = new TableStorage(
            StorageServiceCollectionExtensions.CreateServiceClient(azurite.ConnectionString, clientOptions),
            Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = AzuriteFixture.NewTablePrefix() }),
            NullLogger<TableStorage>.Instance);
        var record = await LandedWriteTests.CheckInWhoseAnswerSaveIsReportedAsConflictAsync(new JourneyHarness(storage), () => lose.Armed = true);

        Assert.Equal(1, lose.RepliesLost);
        Assert.Equal("better", record.Communication);
    }

    /// <summary>Once armed, lets the next batch reach the service and then loses its reply, as a network timeout would.</summary>
    private sealed class LoseFirstBatchReply : HttpPipelinePolicy
    {
        public volatile bool Armed;

        public int RepliesLost { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            ProcessNext(message, pipeline);
            LoseReply(message);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            await ProcessNextAsync(message, pipeline);
            LoseReply(message);
        }

        private void LoseReply(HttpMessage message)
        {
            if (!Armed || !message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal)) return;
            Armed = false;
            RepliesLost++;
            throw new IOException("The reply to the batch was lost after the service stored it.");
        }
    }
}
