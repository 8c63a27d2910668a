using TrustBot.State;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>The person's journey for the current turn: profile (loaded once), records, the clock and the journey's steps.</summary>
internal sealed class JourneySession(JourneyProfile profile, JourneyRecords records, TimeProvider clock, JourneyOptions options, JourneySteps steps)
{
    public JourneyProfile Profile { get; set; } = profile;

    public JourneyRecords Records { get; } = records;

    public TimeProvider Clock { get; } = clock;

    public JourneyOptions Options { get; } = options;

    /// <summary>The steps of this bot's journey: ask it for the count, titles, dialog ids and the next step.</summary>
    public JourneySteps Steps { get; } = steps;

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>The person's local time, from their time zone (UTC when unknown).</summary>
    public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(Now, TrustBot.Dialogs.TimeZones.Find(Profile.TimeZone));

    /// <summary>Set when the person's data was erased this turn: nothing more may be written.</summary>
    public bool Erased { get; set; }
}

/// <summary>Settings the conversations need, bound from configuration by the host.</summary>
internal sealed class JourneyOptions
{
    /// <summary>Crisis resources by country code, with a <c>default</c> entry.</summary>
    public TrustBot.Safety.SafetyResources SafetyResources { get; set; } = new();

    /// <summary>Where the bot serves progress charts (absolute base URL), or null to send them inline.</summary>
    public string? PublicBaseUrl { get; set; }
}

internal static class JourneyTurnExtensions
{
    /// <summary>The person's journey for this turn.</summary>
    public static JourneySession Journey(this ITurnContext turnContext) => turnContext.Services.GetRequired<JourneySession>();
}
