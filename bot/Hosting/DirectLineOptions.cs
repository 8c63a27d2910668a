using System.ComponentModel.DataAnnotations;

namespace TrustBot.Bot.Hosting;

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
