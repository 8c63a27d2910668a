using System.ComponentModel.DataAnnotations;

namespace TrustBot.Bot.Hosting;

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
