using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;
using TrustBot.Schema;

namespace TrustBot.Bot.Channel;

/// <summary>
/// Local mode (no app id): requests without a token run anonymously. A request that does
/// carry a token, or any request once an app id is set, needs the JWT validator.
/// </summary>
public sealed class LocalModeAuthenticator(IOptions<BotIdentityOptions> identity) : IInboundAuthenticator
{
    public Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (identity.Value.IsLocalMode && authorizationHeader is null) return Task.FromResult(AuthenticationResult.Anonymous);
        return Task.FromResult(AuthenticationResult.Fail("A valid Bot Framework token is required."));
    }
}
