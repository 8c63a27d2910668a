using System.ComponentModel.DataAnnotations;

namespace TrustBot.Bot.Hosting;

/// <summary>The Azure Bot registration (root keys, the names Azure's templates use).</summary>
internal sealed class BotIdentityOptions
{
    public string? MicrosoftAppId { get; set; }
    public string? MicrosoftAppPassword { get; set; }
    public string? MicrosoftAppTenantId { get; set; }

    /// <summary>MultiTenant (default), SingleTenant or UserAssignedMSI.</summary>
    public string? MicrosoftAppType { get; set; }

    /// <summary>No app id: no inbound token required, no outbound token sent.</summary>
    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public bool IsSingleTenant => string.Equals(MicrosoftAppType, "SingleTenant", StringComparison.OrdinalIgnoreCase);
}

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

/// <summary>Section <c>BotFramework</c>: the identity endpoints (configurable for sovereign clouds).</summary>
internal sealed class BotFrameworkOptions
{
    public const string Section = "BotFramework";

    [Required, Url]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    [Required, Url]
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration";

    /// <summary>Where the bot gets its outbound token; <c>{tenant}</c> is replaced by the app's tenant when single-tenant.</summary>
    [Required]
    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    [Required]
    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    [Required]
    public string ChannelIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>Largest accepted POST /api/messages body; the Direct Line activity limit by default.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxActivityBytes { get; set; } = 256 * 1024;
}

/// <summary>Section <c>Storage</c>.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>
    /// The account's table endpoint (<c>https://{account}.table.core.windows.net/</c>). When set it wins over
    /// <see cref="ConnectionString"/>: the bot signs in with Entra ID (a managed identity in Azure), no account key.
    /// </summary>
    [Url(ErrorMessage = "Storage:Endpoint must be the storage account's table endpoint URL, such as https://myaccount.table.core.windows.net/.")]
    public string? Endpoint { get; set; }

    /// <summary>The client id of the user-assigned managed identity to use with <see cref="Endpoint"/>; empty = DefaultAzureCredential.</summary>
    public string? ManagedIdentityClientId { get; set; }

    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{0,40}$", ErrorMessage = "Storage:TablePrefix must start with a letter and hold only letters and digits (Azure table name rules).")]
    public string TablePrefix { get; set; } = "TrustBot";

    /// <summary>How long /healthz waits for the storage to answer before it reports the bot unhealthy.</summary>
    [Range(1, 60, ErrorMessage = "Storage:HealthCheckTimeoutSeconds must be a whole number of seconds from 1 to 60.")]
    public int HealthCheckTimeoutSeconds { get; set; } = 3;

    /// <summary><c>Table</c> (default) or <c>Memory</c> (tests and benchmarks only).</summary>
    [Required, RegularExpression("^(Table|Memory)$", ErrorMessage = "Storage:Provider must be Table or Memory.")]
    public string Provider { get; set; } = "Table";
}

/// <summary>
/// Section <c>Storage:Cache</c>: the in-process cache of recently active people's state documents
/// (profile and dialog stacks), so a warm turn needs no storage read. Correctness never depends on
/// it: every write is conditional on the cached ETag.
/// </summary>
internal sealed class StateCacheOptions
{
    public const string Section = "Storage:Cache";

    /// <summary>People whose documents are kept (least recently active go first); 0 turns the cache off.</summary>
    [Range(0, 1_000_000)]
    public int MaxPeople { get; set; } = 10_000;

    /// <summary>How long a cached document is used without a storage read or write confirming it.</summary>
    [Range(1, 86_400)]
    public int MaxAgeSeconds { get; set; } = 300;
}

/// <summary>Section <c>Proactive</c>.</summary>
internal sealed class ProactiveOptions
{
    public const string Section = "Proactive";

    public bool Enabled { get; set; } = true;

    [Range(1, 3600)]
    public int TickSeconds { get; set; } = 60;

    [Required, RegularExpression(@"^\d{2}:\d{2}-\d{2}:\d{2}$", ErrorMessage = "Proactive:QuietHours must look like 22:00-08:00.")]
    public string QuietHours { get; set; } = "22:00-08:00";

    [Range(1, 1000)]
    public int MaxSendsPerSecond { get; set; } = 50;
}

/// <summary>Section <c>DirectLine</c>.</summary>
internal sealed class DirectLineOptions
{
    public const string Section = "DirectLine";

    public string? Secret { get; set; }

    /// <summary>Serve a local Direct Line 3.0 endpoint; defaults to true when no secret is set.</summary>
    public bool? Local { get; set; }

    [Required, Url]
    public string BaseUrl { get; set; } = "https://directline.botframework.com/v3/directline";

    public bool LocalEnabled => Local ?? string.IsNullOrWhiteSpace(Secret);

    /// <summary>How long the signed web chat user id cookie lasts: a visitor away longer starts as someone new.</summary>
    [Range(1, 400)]
    public int UserCookieDays { get; set; } = 30;

    /// <summary>
    /// Where the Data Protection keys that sign the user id cookie are kept (a directory shared by every
    /// instance, e.g. a mounted share). Empty: ASP.NET's default for the platform (the user profile).
    /// </summary>
    public string? KeysDirectory { get; set; }
}
