using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Hosting;
using TrustBot.Bot.WebChat;

namespace TrustBot.Bot.DirectLine;

internal static class DirectLineServiceCollectionExtensions
{
    /// <summary>
    /// The web chat page, the Direct Line token endpoint and the local Direct Line with its
    /// connector. Call it before any HTTP connector is registered: connectors are asked in order.
    /// </summary>
    public static IServiceCollection AddTrustBotWebChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LocalDirectLineOptions>().Bind(configuration.GetSection(LocalDirectLineOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var keys = services.AddDataProtection().SetApplicationName("TrustBot");
        if (configuration.GetSection(DirectLineOptions.Section)["KeysDirectory"] is { Length: > 0 } directory)
            keys.PersistKeysToFileSystem(new DirectoryInfo(directory));
        services.AddSingleton<WebChatUserCookie>();
        services.AddSingleton<LocalTokenIssuer>();
        services.AddSingleton<LocalConversationStore>();
        services.AddSingleton<LocalDirectLine>();
        services.AddSingleton<IChannelConnector, LocalDirectLineConnector>();
        services.AddHttpClient<DirectLineServiceClient>((sp, client) =>
        {
            client.Timeout = TimeSpan.FromSeconds(15);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("TrustBot");
        });
        services.AddSingleton<IEndpointContributor, WebChatPage>();
        services.AddSingleton<IEndpointContributor, DirectLineTokenEndpoint>();
        services.AddSingleton<IEndpointContributor, LocalDirectLineEndpoints>();
        return services;
    }
}
