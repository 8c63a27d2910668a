using TrustBot.State;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>The person's journey for the current turn: profile (loaded once), records and the clock.</summary>
public sealed class JourneySession(JourneyProfile profile, JourneyRecords records, TimeProvider clock, JourneyOptions options)
{
    public JourneyProfile Profile { get; set; } = profile;

    public JourneyRecords Records { get; } = records;

    public TimeProvider Clock { get; } = clock;

    public JourneyOptions Options { get; } = options;

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The person's local time, from their time zone (UTC when unknown).</summary>
    public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(Now, TrustBot.Dialogs.TimeZones.Find(Profile.TimeZone));

    /// <summary>Set when the person's data was erased this turn: nothing more may be written.</summary>
    public bool Erased { get; set; }
}

/// <summary>Settings the conversations need, bound from configuration by the host.</summary>
public sealed class JourneyOptions
{
    /// <summary>Crisis resources by country code, with a <c>default</c> entry.</summary>
    public TrustBot.Safety.SafetyResources SafetyResources { get; set; } = new();

    /// <summary>Where the bot serves progress charts (absolute base URL), or null to send them inline.</summary>
    public string? PublicBaseUrl { get; set; }
}

public static class JourneyTurnExtensions
{
    /// <summary>The person's journey for this turn.</summary>
    public static JourneySession Journey(this ITurnContext turnContext) => turnContext.Services.GetRequired<JourneySession>();
}
