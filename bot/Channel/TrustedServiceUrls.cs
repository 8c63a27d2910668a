using System.Collections.Concurrent;
using System.Net;

namespace TrustBot.Bot.Channel;

/// <summary>
/// Service URLs that arrived in authenticated inbound activities. The bot token is only ever
/// sent to these; in local mode only loopback URLs are allowed so an anonymous caller
/// cannot make the bot post to another host.
/// </summary>
public sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl) => _urls.TryAdd(Normalize(serviceUrl), 0);

    public bool IsTrusted(string serviceUrl) => _urls.ContainsKey(Normalize(serviceUrl));

    public static bool IsLoopback(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));

    private static string Normalize(string url) => url.TrimEnd('/');
}
