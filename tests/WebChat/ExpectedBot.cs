using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Tests.WebChat;

/// <summary>
/// The first turns of onboarding that the browser and Direct Line client tests walk through,
/// in one place: a welcome naming TrustBot with a consent question (suggested actions Yes /
/// Not now), then "What should I call you?" after Yes.
/// </summary>
public static class ExpectedBot
{
    /// <summary>
    /// True while the real onboarding dialog does not answer this way yet: the end-to-end tests
    /// then run against <see cref="OnboardingStandInBot"/>, which follows the same script.
    /// </summary>
    public static readonly bool UseStandInBot = true;

    public const string WelcomeContains = "TrustBot";
    public const string ConsentYes = "Yes";
    public const string ConsentNotNow = "Not now";
    public const string AskNameContains = "What should I call you?";
}

/// <summary>Follows the first onboarding turns exactly as <see cref="ExpectedBot"/> describes them.</summary>
public sealed class OnboardingStandInBot : IBot
{
    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Type == ActivityTypes.ConversationUpdate && activity.MembersAdded?.Any(m => m.Id != activity.Recipient?.Id) == true)
        {
            await turnContext.SendActivityAsync("Welcome to TrustBot, a coaching companion (not a therapist) for rebuilding trust.", cancellationToken);
            var consent = Activity.CreateMessage("Shall we begin?");
            consent.SuggestedActions = new SuggestedActions
            {
                Actions =
                [
                    new CardAction { Type = ActionTypes.ImBack, Title = ExpectedBot.ConsentYes, Value = ExpectedBot.ConsentYes },
                    new CardAction { Type = ActionTypes.ImBack, Title = ExpectedBot.ConsentNotNow, Value = ExpectedBot.ConsentNotNow },
                ],
            };
            await turnContext.SendActivityAsync(consent, cancellationToken);
        }
        else if (activity.Type == ActivityTypes.Message)
        {
            var reply = string.Equals(activity.Text?.Trim(), ExpectedBot.ConsentYes, StringComparison.OrdinalIgnoreCase)
                ? ExpectedBot.AskNameContains
                : $"Nice to meet you, {activity.Text}.";
            await turnContext.SendActivityAsync(reply, cancellationToken);
        }
    }
}
