using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;
using TrustBot.State;

namespace TrustBot.Bot.Storage;

/// <summary>Healthy when the storage's probe answers within <c>Storage:HealthCheckTimeoutSeconds</c>.</summary>
internal sealed class StorageHealthCheck(IStorageProbe probe, IOptions<StorageOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromSeconds(options.Value.HealthCheckTimeoutSeconds);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await probe.ProbeAsync(timeout.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"Storage answers ({probe.Description}).");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Storage ({probe.Description}) did not answer within {limit.TotalSeconds:0} s.");
        }
        catch (StorageUnavailableException ex)
        {
            return HealthCheckResult.Unhealthy($"Storage ({probe.Description}) is unavailable.", ex);
        }
        catch (Azure.RequestFailedException ex)
        {
            // It answered, but refused (wrong key, missing permissions): the bot can't use it either.
            return HealthCheckResult.Unhealthy($"Storage refused the request ({ex.Status} {ex.ErrorCode}); check Storage:ConnectionString or Storage:Endpoint.", ex);
        }
    }
}
