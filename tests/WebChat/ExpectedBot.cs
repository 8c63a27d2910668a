namespace TrustBot.Tests.WebChat;

/// <summary>
/// The first turns of onboarding that the browser and Direct Line client tests walk through,
/// in one place: a welcome naming TrustBot with a consent question (suggested actions Yes /
/// Not now), then "What should I call you?" after Yes.
/// </summary>
public static class ExpectedBot
{
    public const string WelcomeContains = "TrustBot";
    public const string ConsentYes = "Yes";
    public const string ConsentNotNow = "Not now";
    public const string AskNameContains = "What should I call you?";
}
