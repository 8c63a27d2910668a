using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TrustBot.Safety;
using TrustBot.Safety.Meaning;

namespace TrustBot.Bot.Safety;

/// <summary><c>Safety:Meaning</c>: the meaning layer of the safety check.</summary>
internal sealed class MeaningLayerOptions
{
    public const string Section = "Safety:Meaning";

    /// <summary>Run the meaning layer beside the phrase rules (default true). Off, only the phrase rules run and
    /// /healthz says degraded.</summary>
    public bool Enabled { get; set; } = true;
}

internal static class SafetyServiceCollectionExtensions
{
    /// <summary>
    /// Registers the layered safety check: the phrase rules at once, and the meaning layer once its model has loaded
    /// in the background (started with the host, shared by every host in the process); its state is reported by
    /// /healthz as the <c>safety-meaning</c> check. The check adds no storage call to a turn.
    /// </summary>
    public static IServiceCollection AddTrustBotSafety(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MeaningLayerOptions>().Bind(configuration.GetSection(MeaningLayerOptions.Section));
        services.AddSingleton<IMeaningClassifier>(sp => sp.GetRequiredService<IOptions<MeaningLayerOptions>>().Value.Enabled
            ? MiniLmMeaningClassifier.Shared
            : SwitchedOffClassifier.Instance);
        services.AddSingleton<ISafetyDetector, LayeredSafetyDetector>();
        services.AddHostedService<MeaningLayerLoader>();
        services.AddHealthChecks().AddCheck<MeaningLayerHealthCheck>("safety-meaning");
        return services;
    }
}

/// <summary>The meaning layer when configuration switches it off: never ready, so the phrase rules answer alone.</summary>
internal sealed class SwitchedOffClassifier : IMeaningClassifier
{
    public static readonly SwitchedOffClassifier Instance = new();

    public MeaningStatus Status => MeaningStatus.Off;

    public bool TryScore(string normalizedText, out MeaningScores scores)
    {
        scores = default;
        return false;
    }
}

/// <summary>Starts loading the model when the host starts, without delaying start-up: turns run on the phrase rules
/// until it is ready. Logs how long loading took, or why it failed.</summary>
internal sealed partial class MeaningLayerLoader(IMeaningClassifier classifier, ILogger<MeaningLayerLoader> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (classifier is MiniLmMeaningClassifier model)
        {
            _ = model.StartLoading().ContinueWith(_ => Report(model), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Report(MiniLmMeaningClassifier model)
    {
        var milliseconds = model.LoadTime?.TotalMilliseconds ?? 0;
        if (model.Status == MeaningStatus.Ready) Loaded(logger, milliseconds);
        else LoadFailed(logger, milliseconds, model.FailureReason ?? "unknown");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Safety meaning layer ready, loaded in {Milliseconds:0} ms.")]
    private static partial void Loaded(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Safety meaning layer failed to load after {Milliseconds:0} ms ({Reason}); the phrase rules run alone.")]
    private static partial void LoadFailed(ILogger logger, double milliseconds, string reason);
}

/// <summary>Healthy when the meaning layer answers; degraded (still HTTP 200) while it loads, when it failed or is
/// switched off, because the bot still answers and still catches danger with the phrase rules.</summary>
internal sealed class MeaningLayerHealthCheck(IMeaningClassifier classifier) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(classifier.Status switch
        {
            MeaningStatus.Ready => HealthCheckResult.Healthy("Safety meaning layer ready."),
            MeaningStatus.Loading => HealthCheckResult.Degraded("Safety meaning layer loading; phrase rules only."),
            MeaningStatus.Off => HealthCheckResult.Degraded("Safety meaning layer switched off (Safety:Meaning:Enabled); phrase rules only."),
            _ => HealthCheckResult.Degraded("Safety meaning layer failed to load; phrase rules only."),
        });
}
