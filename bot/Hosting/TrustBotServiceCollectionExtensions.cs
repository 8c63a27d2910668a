using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Channel.Authentication;
using TrustBot.Bot.Channel.Connector;
using TrustBot.Bot.DirectLine;
using TrustBot.Bot.Safety;
using TrustBot.Bot.Storage;
using TrustBot.Journey;
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
        services.AddOptions<ProactiveOptions>().Bind(configuration.GetSection(ProactiveOptions.Section)).ValidateDataAnnotations()
            .Validate(o => QuietHours.TryParse(o.QuietHours, out _), "Proactive:QuietHours must be two 24-hour times such as 22:00-08:00.").ValidateOnStart();
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TrustBot.Safety.SafetyResources>().Bind(configuration.GetSection(TrustBot.Safety.SafetyResources.Section));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TrustedServiceUrls>();
        services.AddHttpClient(BotFrameworkAuthenticator.MetadataHttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IInboundAuthenticator, BotFrameworkAuthenticator>();
        services.AddSingleton<BotHttpAdapter>();
        services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<BotHttpAdapter>());
        services.AddTrustBotWebChat(configuration);

        services.AddTrustBotStorage();
        services.AddSingleton(sp => new JourneyOptions { SafetyResources = sp.GetRequiredService<IOptions<TrustBot.Safety.SafetyResources>>().Value });
        services.AddSingleton<ITrendChart, TrustBot.Bot.Charts.ScottPlotTrendChart>();
        services.AddSingleton<IJourneyReports>(sp => new JourneyReports(sp.GetService<ITrendChart>()));
        services.AddTrustBotSafety(configuration);
        services.AddSingleton(sp => new ReminderRules(QuietHours.Parse(sp.GetRequiredService<IOptions<ProactiveOptions>>().Value.QuietHours)));
        services.AddSingleton<IBot>(sp => new TrustBotHandler(
            sp.GetRequiredService<IStorage>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<JourneyOptions>(), sp.GetRequiredService<IJourneyReports>(),
            new JourneySafety(sp.GetRequiredService<TrustBot.Safety.ISafetyDetector>(), sp.GetRequiredService<JourneyOptions>().SafetyResources),
            sp.GetRequiredService<ReminderRules>()));
        // Registered always; it returns at once when Proactive:Enabled is false.
        services.AddHostedService<TrustBot.Bot.Proactive.ProactiveSender>();

        // Handles every http(s) service URL, so it stays the last IChannelConnector: connectors registered above win.
        services.AddBotConnector(configuration);

        services.AddHealthChecks();
        services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(BotTelemetry.Name))
            .WithMetrics(m => m.AddMeter(BotTelemetry.Name));
        return services;
    }
}
