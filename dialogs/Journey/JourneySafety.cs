using TrustBot.Safety;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>
/// The safety check that runs first on every message. When a message suggests danger the flow stops
/// for this turn, the person gets a short caring message with crisis resources for their country,
/// and only the time and category are stored. The dialog is untouched, so the next message resumes.
/// </summary>
public sealed class JourneySafety(ISafetyDetector detector, SafetyResources resources)
{
    /// <summary>Creates the safety check with the built-in detector and the configured resources.</summary>
    public JourneySafety(JourneyOptions options) : this(new PhraseSafetyDetector(), options.SafetyResources)
    {
    }

    /// <summary>Answers the turn when the message suggests danger. Returns true when it did.</summary>
    public async Task<bool> TryRespondAsync(ITurnContext turn, JourneySession journey, CancellationToken cancellationToken)
    {
        var assessment = detector.Assess(turn.Activity.Text);
        if (!assessment.IsCrisis) return false;

        var country = CountryOf(turn.Activity) ?? journey.Profile.Country;
        if (country is not null && journey.Profile.Consented == true) journey.Profile.Country = country;
        var role = journey.Profile.Role == PartnerRole.Unknown ? null : journey.Profile.Role.ToString();
        var messages = SafetyMessages.Compose(assessment.Category, resources.For(country ?? turn.Activity.Locale), role);
        await turn.SendActivitiesAsync(messages.Select(m => Activity.CreateMessage(m)).ToArray(), cancellationToken);

        journey.Profile.LastSafetyMessageAt = journey.Now;
        if (journey.Profile.Consented == true)
            journey.Records.Add(RecordKinds.Safety, new SafetyEvent { At = journey.Now, Category = assessment.Category.ToString() }, JourneyJson.Default.SafetyEvent);
        return true;
    }

    /// <summary>The country the channel reports (Teams clientInfo), else the one in the locale.</summary>
    private static string? CountryOf(Activity activity) =>
        activity.EntitiesOfType("clientInfo").Select(e => e.GetString("country")).FirstOrDefault(c => !string.IsNullOrEmpty(c));
}
