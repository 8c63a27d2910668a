using TrustBot.Schema;

namespace TrustBot.Bot.Channel;

/// <summary>The outcome of checking an inbound request's credentials.</summary>
/// <param name="Succeeded">The request may run a turn.</param>
/// <param name="IsAnonymous">No token was presented (local mode only).</param>
/// <param name="ServiceUrlVerified">The activity's serviceUrl was vouched for by a validated token.</param>
/// <param name="Failure">Why it failed, safe to return to the caller.</param>
internal sealed record AuthenticationResult(bool Succeeded, bool IsAnonymous, bool ServiceUrlVerified, string? Failure)
{
    public static AuthenticationResult Anonymous { get; } = new(true, true, false, null);
    public static AuthenticationResult Verified { get; } = new(true, false, true, null);

    /// <summary>No token (local mode), from the Agents Playground connector the operator configured (<c>Playground:ServiceUrl</c>).</summary>
    public static AuthenticationResult ConfiguredPlayground { get; } = new(true, true, true, null);

    /// <summary>A turn the bot's own local Direct Line endpoint produced (its token named the user and conversation).</summary>
    public static AuthenticationResult LocalDirectLine { get; } = new(true, false, true, null) { ViaLocalDirectLine = true };

    /// <summary>The turn came through the local Direct Line, the only way into its conversations.</summary>
    public bool ViaLocalDirectLine { get; init; }
    public static AuthenticationResult Fail(string reason) => new(false, false, false, reason);
}

/// <summary>Validates the Authorization header of an inbound activity the way Azure Bot Service expects.</summary>
internal interface IInboundAuthenticator
{
    Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken);
}
