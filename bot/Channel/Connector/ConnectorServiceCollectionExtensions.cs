using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace TrustBot.Bot.Channel.Connector;

internal static class ConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Bot Connector client as an <see cref="IChannelConnector"/>, its token provider and
    /// their HTTP clients. It handles every http(s) service URL, so connectors registered before it win.
    /// Expects <c>BotIdentityOptions</c>, <c>BotFrameworkOptions</c>, <see cref="TrustedServiceUrls"/> and a
    /// <see cref="TimeProvider"/> to be registered (AddTrustBot does).
    /// </summary>
    public static IServiceCollection AddBotConnector(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConnectorOptions>().Bind(configuration.GetSection(ConnectorOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TrustedServiceUrls>();
        services.TryAddSingleton<BotTokenProvider>();
        services.TryAddSingleton<BotConnectorClient>();
        services.AddSingleton<IChannelConnector>(sp => sp.GetRequiredService<BotConnectorClient>());

        // URLs carry conversation ids: the client logs operation and status itself instead.
        services.AddHttpClient(BotTokenProvider.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<IOptions<ConnectorOptions>>().Value.TokenTimeout)
            .RemoveAllLoggers();

        services.AddHttpClient(BotConnectorClient.HttpClientName)
            // The resilience pipeline owns timeouts.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("bot-connector", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                ConfigurePipeline(pipeline, options, time);
            });

        // Local mode talks only to a loopback peer (the Emulator): a short total budget and at most one retry.
        services.AddHttpClient(BotConnectorClient.LocalHttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddResilienceHandler("bot-connector-local", static (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<ConnectorOptions>>().Value;
                var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
                ConfigurePipeline(pipeline, options, time, options.LocalTotalTimeout, options.LocalMaxRetryAttempts);
            });
        return services;
    }

    internal static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ConnectorOptions options, TimeProvider time) =>
        ConfigurePipeline(pipeline, options, time, options.TotalTimeout, options.MaxRetryAttempts);

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ConnectorOptions options, TimeProvider time, TimeSpan total, int retries)
    {
        var attempt = options.AttemptTimeout < total ? options.AttemptTimeout : total;
        // Backoff, Retry-After waits and timeouts follow the injected clock, so tests need not wait in real time.
        pipeline.TimeProvider = time;
        if (retries == 0)
        {
            pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "total", Timeout = total });
            return;
        }
        pipeline
            .AddTimeout(new TimeoutStrategyOptions { Name = "total", Timeout = total })
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "retry",
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryAfter > options.RetryBaseDelay ? options.MaxRetryAfter : options.RetryBaseDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, options, time)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } throttled ? RetryAfter(throttled, time) : null),
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "attempt", Timeout = attempt });
    }

    /// <summary>
    /// Retries what the channel documents as transient. 400, 401, 403, 404, 413 and 500 are answers,
    /// not glitches: repeating the request would get the same one (or post a message twice).
    /// </summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ConnectorOptions options, TimeProvider time)
    {
        if (outcome.Exception is not null) return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        return outcome.Result?.StatusCode switch
        {
            HttpStatusCode.TooManyRequests => RetryAfter(outcome.Result, time) is not { } wait || wait <= options.MaxRetryAfter,
            HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => true,
            _ => false,
        };
    }

    /// <summary>The <c>Retry-After</c> header as a wait, in seconds or as an HTTP date; null when absent.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }
}
