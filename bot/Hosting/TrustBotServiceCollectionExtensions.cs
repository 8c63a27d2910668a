using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TrustBot.Bot.Channel;
using TrustBot.Bot.DirectLine;
using TrustBot.State;
using TrustBot.Turns;

namespace TrustBot.Bot.Hosting;

public static class TrustBotServiceCollectionExtensions
{
    /// <summary>Registers everything the bot needs: options, storage, channel plumbing and the bot.</summary>
    public static IServiceCollection AddTrustBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotIdentityOptions>().Bind(configuration).ValidateOnStart();
        services.AddOptions<BotFrameworkOptions>().Bind(configuration.GetSection(BotFrameworkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProactiveOptions>().Bind(configuration.GetSection(ProactiveOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TrustedServiceUrls>();
        services.AddSingleton<IInboundAuthenticator, LocalModeAuthenticator>();
        services.AddSingleton<BotHttpAdapter>();
        services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<BotHttpAdapter>());
        services.AddTrustBotWebChat(configuration);

        services.AddSingleton<IStorage, MemoryStorage>();
        services.AddSingleton<IBot, TrustBot.Journey.TrustBotHandler>();

        services.AddHealthChecks();
        services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(BotTelemetry.Name))
            .WithMetrics(m => m.AddMeter(BotTelemetry.Name));
        return services;
    }
}
