using System.ComponentModel.DataAnnotations;

namespace TrustBot.Bot.Hosting;

/// <summary>Section <c>Safety</c> (its <c>Resources</c> are bound by <see cref="SafetyResourcesBinder"/>).</summary>
internal sealed class SafetyOptions
{
    public const string Section = "Safety";

    /// <summary>
    /// Hours without reminders or encouragement after a danger disclosure, so nothing from the bot pops up where
    /// someone else may see it; 0 turns the pause off. Default 72.
    /// </summary>
    [Range(0, 2160, ErrorMessage = "Safety:PauseProactiveHours must be a whole number of hours from 0 to 2160 (90 days).")]
    public int PauseProactiveHours { get; set; } = 72;
}
