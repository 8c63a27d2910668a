using System.Collections.Concurrent;
using System.Net;

namespace TrustBot.Bot.Channel;

/// <summary>
/// Service URLs that arrived in authenticated inbound activities. The bot token is only ever
/// sent to these; in local mode only loopback URLs are allowed so an anonymous caller
/// cannot make the bot post to another host.
/// </summary>
internal sealed class TrustedServiceUrls
{
    private readonly ConcurrentDictionary<string, byte> _urls = new(StringComparer.OrdinalIgnoreCase);

    public void Trust(string serviceUrl) => _urls.TryAdd(Normalize(serviceUrl), 0);

    public bool IsTrusted(string serviceUrl) => _urls.ContainsKey(Normalize(serviceUrl));

    public static bool IsLoopback(string serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri)
        && (uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip)));

    /// <summary>
    /// An unauthenticated (local mode) service URL the bot may post to: exactly
    /// <c>http(s)://localhost|127.0.0.1|[::1]:port</c> with no path, as the Emulator sends it (or the Agents Playground's <c>/_connector</c>). The raw text is
    /// checked, not a parsed URI, because parsers turn <c>127.1</c>, <c>2130706433</c>, <c>0x7f.0.0.1</c> and
    /// <c>[::ffff:127.0.0.1]</c> into loopback too; and no path, so the bot cannot be pointed at another
    /// local service's API.
    /// </summary>
    public static bool IsCanonicalLoopback(string? serviceUrl)
    {
        if (string.IsNullOrEmpty(serviceUrl) || serviceUrl.Length > 64) return false;
        var rest = serviceUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? serviceUrl[7..]
            : serviceUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? serviceUrl[8..]
            : null;
        if (rest is null) return false;
        if (rest.EndsWith('/')) rest = rest[..^1];
        // Microsoft 365 Agents Playground (./run.sh --teams) serves its mocked Bot Connector under this one path.
        if (rest.EndsWith(PlaygroundConnectorPath, StringComparison.Ordinal)) rest = rest[..^PlaygroundConnectorPath.Length];
        string host;
        string? port = null;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0) return false;
            host = rest[..(close + 1)];
            var after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':') return false;
                port = after[1..];
            }
        }
        else
        {
            var colon = rest.IndexOf(':');
            host = colon < 0 ? rest : rest[..colon];
            if (colon >= 0) port = rest[(colon + 1)..];
        }
        if (!host.Equals("localhost", StringComparison.OrdinalIgnoreCase) && host != "127.0.0.1" && host != "[::1]") return false;
        return port is null || (port.Length is > 0 and <= 5 && port.All(char.IsAsciiDigit) && int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 65535);
    }

    /// <summary>The path of the Agents Playground's mocked connector, the one path a local-mode service URL may have.</summary>
    public const string PlaygroundConnectorPath = "/_connector";

    private static string Normalize(string url) => url.TrimEnd('/');
}
