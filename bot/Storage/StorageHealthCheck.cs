using Microsoft.Extensions.Diagnostics.HealthChecks;
using TrustBot.State;

namespace TrustBot.Bot.Storage;

/// <summary>Healthy when the storage answers a cheap query within <see cref="Timeout"/>; in-memory storage always is.</summary>
internal sealed class StorageHealthCheck(IStorage storage) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        if (storage is not TableStorage table) return HealthCheckResult.Healthy("In-memory storage.");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await table.PingAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Table storage answers ({table.TableName}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Table storage did not answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (StorageUnavailableException ex)
        {
            return HealthCheckResult.Unhealthy("Table storage is unavailable.", ex);
        }
        catch (Azure.RequestFailedException ex)
        {
            // It answered, but refused (wrong key, missing permissions): the bot can't use it either.
            return HealthCheckResult.Unhealthy($"Table storage refused the request ({ex.Status} {ex.ErrorCode}); check Storage:ConnectionString.", ex);
        }
    }
}
