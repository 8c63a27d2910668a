using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;

namespace TrustBot.Bot.Hosting;

/// <summary>
/// Section <c>RateLimits</c>: per client address, how often the public web chat endpoints may be
/// used. A visitor needs one token and one conversation per page load, a post per message and one
/// stream per tab, so the defaults leave people plenty of room and stop floods.
/// </summary>
internal sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary><c>POST /api/directline/token</c> per client address per minute (each Azure-mode call spends a Direct Line token).</summary>
    [Range(1, 100_000)]
    public int TokensPerMinute { get; set; } = 20;

    /// <summary><c>POST /v3/directline/conversations</c> per client address per minute.</summary>
    [Range(1, 100_000)]
    public int ConversationStartsPerMinute { get; set; } = 20;

    /// <summary>Activities posted to the local Direct Line per client address per minute.</summary>
    [Range(1, 100_000)]
    public int PostsPerMinute { get; set; } = 120;

    /// <summary>Local Direct Line WebSocket streams open at once per client address.</summary>
    [Range(1, 100_000)]
    public int StreamsPerClient { get; set; } = 20;
}

/// <summary>
/// Section <c>ForwardedHeaders</c>: behind a TLS-terminating proxy (App Service, Container Apps,
/// a reverse proxy) the client address and scheme come from <c>X-Forwarded-For</c>/<c>-Proto</c>,
/// honoured only from the listed proxies (or any, when <see cref="TrustAllProxies"/> is set because
/// the platform's proxy is the only way in).
/// </summary>
internal sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Proxy addresses, e.g. <c>10.0.0.4</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>For platforms whose front end is the only route to the app (App Service, Container Apps).</summary>
    public bool TrustAllProxies { get; set; }

    internal bool IsValid() =>
        KnownProxies.All(p => IPAddress.TryParse(p, out _)) && KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _));
}

/// <summary>Rate limits, forwarded headers and HSTS in front of every endpoint.</summary>
internal static class EdgeProtection
{
    public const string TokenPolicy = "directline-token";
    public const string StartPolicy = "directline-start";
    public const string PostPolicy = "directline-post";
    public const string StreamPolicy = "directline-stream";

    public static IServiceCollection AddTrustBotEdge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardedHeadersSettings>().Bind(configuration.GetSection(ForwardedHeadersSettings.Section))
            .Validate(o => o.IsValid(), "ForwardedHeaders:KnownProxies must be IP addresses and ForwardedHeaders:KnownNetworks CIDR networks such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            if (settings.Value.TrustAllProxies)
            {
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
            }
            foreach (var proxy in settings.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(proxy));
            foreach (var network in settings.Value.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(TokenPolicy, http => PerMinute(http, o => o.TokensPerMinute));
            limiter.AddPolicy(StartPolicy, http => PerMinute(http, o => o.ConversationStartsPerMinute));
            limiter.AddPolicy(PostPolicy, http => PerMinute(http, o => o.PostsPerMinute));
            limiter.AddPolicy(StreamPolicy, http => RateLimitPartition.GetConcurrencyLimiter(ClientKey(http), _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = Limits(http).StreamsPerClient,
                QueueLimit = 0,
            }));
        });
        return services;
    }

    /// <summary>Forwarded headers (when configured), HSTS outside Development, then the rate limiter.</summary>
    public static WebApplication UseTrustBotEdge(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// The client's address, the rate limits' partition. No address at all only happens in-process
    /// (tests); IPv4-mapped IPv6 counts as the IPv4 address.
    /// </summary>
    public static string ClientKey(HttpContext http) => http.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : "in-process";

    /// <summary>True for a client on this machine (loopback), or an in-process caller with no address.</summary>
    public static bool IsLocalClient(HttpContext http) => http.Connection.RemoteIpAddress is not { } ip || IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);

    private static RateLimitOptions Limits(HttpContext http) => http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    private static RateLimitPartition<string> PerMinute(HttpContext http, Func<RateLimitOptions, int> limit)
    {
        var perMinute = limit(Limits(http));
        return RateLimitPartition.GetTokenBucketLimiter(ClientKey(http), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(5);
        var response = context.HttpContext.Response;
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return new ValueTask(response.WriteAsJsonAsync(new ErrorBody("Too many requests from this address; wait a moment and try again."), BotJson.Default.ErrorBody, cancellationToken: cancellationToken));
    }
}
