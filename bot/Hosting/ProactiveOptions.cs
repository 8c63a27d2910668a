using System.ComponentModel.DataAnnotations;

namespace TrustBot.Bot.Hosting;

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
