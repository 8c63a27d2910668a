namespace TrustBot.Bot.Hosting;

/// <summary>
/// Section <c>Playground</c>: Microsoft 365 Agents Playground on this machine. Local mode (no app id) never stores an
/// anonymous caller's service URL for later reminders, because nothing proves who sent it; naming the Playground's
/// mocked connector here is the operator vouching for that one URL, so reminders can be tried in the Playground.
/// Ignored when MicrosoftAppId is set (tokens prove the channel then).
/// </summary>
internal sealed class PlaygroundOptions
{
    public const string Section = "Playground";

    /// <summary>The connector's exact URL, e.g. <c>http://localhost:56150/_connector</c> (what <c>./run.sh --teams</c> sets); empty = none.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>True when <paramref name="serviceUrl"/> is the configured connector.</summary>
    public bool IsPlayground(string? serviceUrl) =>
        !string.IsNullOrWhiteSpace(ServiceUrl) && serviceUrl is not null
        && string.Equals(serviceUrl.TrimEnd('/'), ServiceUrl.Trim().TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>Only a plainly written loopback URL ending in the Playground's connector path may be trusted.</summary>
    public static bool IsValid(PlaygroundOptions o) =>
        string.IsNullOrWhiteSpace(o.ServiceUrl)
        || (TrustBot.Bot.Channel.TrustedServiceUrls.IsCanonicalLoopback(o.ServiceUrl.Trim())
            && o.ServiceUrl.Trim().TrimEnd('/').EndsWith(TrustBot.Bot.Channel.TrustedServiceUrls.PlaygroundConnectorPath, StringComparison.Ordinal));
}
