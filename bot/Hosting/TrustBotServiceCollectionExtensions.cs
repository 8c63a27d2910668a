using Azure.Monitor.OpenTelemetry.AspNetCore;
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

internal static class TrustBotServiceCollectionExtensions
{
    /// <summary>The Application Insights connection string, by the name Azure's tooling gives it.</summary>
    public const string ApplicationInsightsSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Registers everything the bot needs: options, storage, channel plumbing and the bot.</summary>
    public static IServiceCollection AddTrustBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddTrustBotOptions(configuration);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TrustedServiceUrls>();
        services.AddHttpClient(BotFrameworkAuthenticator.MetadataHttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IInboundAuthenticator, BotFrameworkAuthenticator>();
        services.AddSingleton<BotHttpAdapter>();
        services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<BotHttpAdapter>());
        services.AddTrustBotEdge(configuration);
        services.AddTrustBotWebChat(configuration);

        // Teams: the data export is uploaded to the person's OneDrive after they accept the file consent card.
        services.AddHttpClient(TrustBot.Bot.Teams.TeamsFileUploader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<IFileUploader, TrustBot.Bot.Teams.TeamsFileUploader>();
        services.AddSingleton<IMiddleware, TrustBot.Bot.Teams.FileUploaderMiddleware>();

        services.AddTrustBotStorage();
        services.AddTrustBotSafety(configuration);
        services.AddJourney();
        // Registered always; it returns at once when Proactive:Enabled is false. Its profile writes go
        // through the cache's observer, so a turn on this instance never starts from an older profile.
        services.AddHostedService(sp => ActivatorUtilities.CreateInstance<TrustBot.Bot.Proactive.ProactiveSender>(
            sp, sp.GetRequiredService<StateCache>().Observe(sp.GetRequiredService<IStorage>())));

        // Handles every http(s) service URL, so it stays the last IChannelConnector: connectors registered above win.
        services.AddBotConnector(configuration);

        services.AddHealthChecks();
        var telemetry = services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(BotTelemetry.Name))
            .WithMetrics(m => m.AddMeter(BotTelemetry.Name));
        // Application Insights only when it is configured (App Service sets this variable); off otherwise.
        // The distro's other options (live metrics, offline storage) bind from the AzureMonitor section.
        if (configuration[ApplicationInsightsSetting] is { Length: > 0 } applicationInsights)
            telemetry.UseAzureMonitor(o => o.ConnectionString = applicationInsights);
        return services;
    }

    /// <summary>Binds every section and checks it when the host starts, so a wrong value stops the bot naming the key.</summary>
    private static void AddTrustBotOptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotIdentityOptions>().Bind(configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotIdentityOptions>, BotIdentityOptionsValidator>();
        services.AddOptions<BotFrameworkOptions>().Bind(configuration.GetSection(BotFrameworkOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StateCacheOptions>().Bind(configuration.GetSection(StateCacheOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProactiveOptions>().Bind(configuration.GetSection(ProactiveOptions.Section)).ValidateDataAnnotations()
            .Validate(o => QuietHours.TryParse(o.QuietHours, out _), "Proactive:QuietHours must be two 24-hour times such as 22:00-08:00.").ValidateOnStart();
        services.AddOptions<PlaygroundOptions>().Bind(configuration.GetSection(PlaygroundOptions.Section))
            .Validate(PlaygroundOptions.IsValid, "Playground:ServiceUrl must be the Agents Playground's loopback connector, such as http://localhost:56150/_connector.").ValidateOnStart();
        services.AddOptions<DirectLineOptions>().Bind(configuration.GetSection(DirectLineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TrustBot.Safety.SafetyResources>().Configure(r => SafetyResourcesBinder.Bind(configuration.GetSection(TrustBot.Safety.SafetyResources.Section), r));
        services.AddOptions<SafetyOptions>().Bind(configuration.GetSection(SafetyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
    }

    /// <summary>The journey: its handler, the state cache its turns read through, reports, reminder rules and safety answers.</summary>
    private static void AddJourney(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TrustBot.Safety.SafetyResources>>().Value);
        services.AddSingleton(sp => new JourneyOptions { SafetyResources = sp.GetRequiredService<TrustBot.Safety.SafetyResources>() });
        services.AddSingleton<ITrendChart, TrustBot.Bot.Charts.ScottPlotTrendChart>();
        services.AddSingleton<IJourneyReports, JourneyReports>();
        services.AddSingleton(sp => new ReminderRules(QuietHours.Parse(sp.GetRequiredService<IOptions<ProactiveOptions>>().Value.QuietHours))
        {
            SafetyPause = TimeSpan.FromHours(sp.GetRequiredService<IOptions<SafetyOptions>>().Value.PauseProactiveHours),
        });
        // JourneySafety has a second constructor (phrase rules only, for tests), so the container is told which one.
        services.AddSingleton(sp => new JourneySafety(
            sp.GetRequiredService<TrustBot.Safety.ISafetyDetector>(), sp.GetRequiredService<TrustBot.Safety.SafetyResources>(), sp.GetRequiredService<ReminderRules>()));
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StateCacheOptions>>().Value;
            return new StateCache(o.MaxPeople, TimeSpan.FromSeconds(o.MaxAgeSeconds), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IBot, TrustBotHandler>();
    }
}
