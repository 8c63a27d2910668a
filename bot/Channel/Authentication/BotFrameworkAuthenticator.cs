using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TrustBot.Bot.Hosting;

namespace TrustBot.Bot.Channel.Authentication;

/// <summary>
/// Validates inbound requests the way Azure Bot Service expects: channel tokens signed by the
/// Bot Framework (issuer, audience, lifetime, serviceurl claim, key endorsements) and Emulator /
/// Entra ID tokens issued to this bot's own app id. Without an app id (local mode) requests
/// without a token run anonymously.
/// </summary>
internal sealed class BotFrameworkAuthenticator : IInboundAuthenticator
{
    /// <summary>The IHttpClientFactory client that fetches OpenID metadata and signing keys.</summary>
    public const string MetadataHttpClientName = "TrustBot.OpenIdMetadata";

    /// <summary>The tenants the Bot Framework and the Emulator get their tokens from.</summary>
    private static readonly string[] BotFrameworkTenants = ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a"];

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotIdentityOptions _identity;
    private readonly PlaygroundOptions _playground;
    private readonly string _channelIssuer;
    private readonly HashSet<string> _emulatorIssuers;
    private readonly SigningKeySource _channelKeys;
    private readonly SigningKeySource _emulatorKeys;
    private readonly TimeProvider _time;
    private readonly ILogger<BotFrameworkAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public BotFrameworkAuthenticator(
        IOptions<BotIdentityOptions> identity, IOptions<BotFrameworkOptions> framework, IHttpClientFactory httpClientFactory,
        TimeProvider time, ILogger<BotFrameworkAuthenticator> logger, IOptions<PlaygroundOptions>? playground = null)
    {
        _identity = identity.Value;
        _playground = playground?.Value ?? new PlaygroundOptions();
        _channelIssuer = framework.Value.ChannelIssuer;
        _time = time;
        _logger = logger;
        _channelKeys = new SigningKeySource(framework.Value.OpenIdMetadataUrl, httpClientFactory, MetadataHttpClientName, time, logger);
        _emulatorKeys = new SigningKeySource(framework.Value.EmulatorOpenIdMetadataUrl, httpClientFactory, MetadataHttpClientName, time, logger);

        var tenants = new List<string>(BotFrameworkTenants);
        if (_identity.IsSingleTenant && !string.IsNullOrWhiteSpace(_identity.MicrosoftAppTenantId)) tenants.Add(_identity.MicrosoftAppTenantId.Trim());
        _emulatorIssuers = new HashSet<string>(
            tenants.SelectMany(t => new[] { $"https://sts.windows.net/{t}/", $"https://login.microsoftonline.com/{t}/v2.0" }),
            StringComparer.Ordinal);
    }

    public async Task<AuthenticationResult> AuthenticateAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        var result = await CheckAsync(authorizationHeader, activity, cancellationToken).ConfigureAwait(false);
        // The reason and routing ids only: never the token or anything the person wrote.
        if (!result.Succeeded) _logger.LogInformation("Rejected an inbound {ActivityType} from {ChannelId}: {Reason}", LogValue.ActivityType(activity.Type), LogValue.Channel(activity.ChannelId), result.Failure);
        return result;
    }

    private async Task<AuthenticationResult> CheckAsync(string? authorizationHeader, Activity activity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            if (!_identity.IsLocalMode) return AuthenticationResult.Fail("An 'Authorization: Bearer <token>' header is required.");
            // The one local connector the operator named may be remembered for reminders; any other stays unverified.
            return _playground.IsPlayground(activity.ServiceUrl) ? AuthenticationResult.ConfiguredPlayground : AuthenticationResult.Anonymous;
        }

        // A token's audience must be our app id; with no app id configured no token can be meant for
        // us, so accepting it would mean trusting whatever serviceUrl a stranger's token came with.
        if (_identity.IsLocalMode)
            return AuthenticationResult.Fail("This bot has no MicrosoftAppId, so it cannot accept a token: send no Authorization header, or configure MicrosoftAppId.");

        if (!TryReadBearer(authorizationHeader, out var raw))
            return AuthenticationResult.Fail("The Authorization header must be 'Bearer <token>'.");
        if (!_handler.CanReadToken(raw)) return AuthenticationResult.Fail("The bearer token is not a JWT.");

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return AuthenticationResult.Fail("The bearer token is not a JWT.");
        }

        // The unvalidated issuer only picks the rules; validation then pins the issuer to that family.
        if (string.Equals(token.Issuer, _channelIssuer, StringComparison.Ordinal))
            return await ValidateChannelTokenAsync(raw, token, activity, cancellationToken).ConfigureAwait(false);
        if (token.Issuer is { } issuer && _emulatorIssuers.Contains(issuer))
            return await ValidateEmulatorTokenAsync(raw, token, cancellationToken).ConfigureAwait(false);
        return AuthenticationResult.Fail("The token's issuer is not trusted.");
    }

    private async Task<AuthenticationResult> ValidateChannelTokenAsync(string raw, JsonWebToken token, Activity activity, CancellationToken cancellationToken)
    {
        var (key, failure) = await ValidateAsync(raw, token, _channelKeys, [_channelIssuer], cancellationToken).ConfigureAwait(false);
        if (key is null) return AuthenticationResult.Fail(failure!);

        if (!token.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) || string.IsNullOrEmpty(serviceUrl))
            return AuthenticationResult.Fail("The token has no serviceurl claim.");
        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
            return AuthenticationResult.Fail("The token's serviceurl does not match the activity's serviceUrl.");
        if (string.IsNullOrEmpty(activity.ChannelId) || !key.Endorsements.Contains(activity.ChannelId))
            return AuthenticationResult.Fail("The token's signing key is not endorsed for this channel.");
        return AuthenticationResult.Verified;
    }

    /// <summary>
    /// An Emulator / Entra ID token proves the caller holds this bot's own credentials (its app id is
    /// ours), so the service URL it comes with is trusted like a channel's: whoever could abuse our
    /// outbound token there already has our secret.
    /// </summary>
    private async Task<AuthenticationResult> ValidateEmulatorTokenAsync(string raw, JsonWebToken token, CancellationToken cancellationToken)
    {
        var (key, failure) = await ValidateAsync(raw, token, _emulatorKeys, _emulatorIssuers, cancellationToken).ConfigureAwait(false);
        if (key is null) return AuthenticationResult.Fail(failure!);

        token.TryGetPayloadValue<string>("ver", out var version);
        var appIdClaim = version switch
        {
            "1.0" => "appid",
            "2.0" => "azp",
            _ => null,
        };
        if (appIdClaim is null) return AuthenticationResult.Fail("The token's version (ver) must be 1.0 or 2.0.");
        if (!token.TryGetPayloadValue<string>(appIdClaim, out var appId) || !string.Equals(appId, _identity.MicrosoftAppId, StringComparison.OrdinalIgnoreCase))
            return AuthenticationResult.Fail($"The token's {appIdClaim} claim is not this bot's app id.");
        return AuthenticationResult.Verified;
    }

    /// <summary>Checks key, signature, algorithm, issuer, audience and lifetime; returns the signing key on success.</summary>
    private async Task<(SigningKey? Key, string? Failure)> ValidateAsync(
        string raw, JsonWebToken token, SigningKeySource keys, IEnumerable<string> issuers, CancellationToken cancellationToken)
    {
        // Checked before any key lookup so that 'none' or HMAC tokens never reach the validator.
        if (!Algorithms.Contains(token.Alg, StringComparer.Ordinal)) return (null, "The token must be signed with RS256, RS384 or RS512.");
        if (string.IsNullOrEmpty(token.Kid)) return (null, "The token does not name its signing key (kid).");

        SigningKey? key;
        try
        {
            key = await keys.FindAsync(token.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            _logger.LogWarning(ex, "The OpenID metadata could not be loaded, so inbound tokens cannot be checked");
            return (null, "The signing keys could not be loaded; try again shortly.");
        }
        if (key is null) return (null, "The token's signing key is not published by its issuer.");

        var parameters = new TokenValidationParameters
        {
            ValidIssuers = issuers,
            // Our app id only, for Emulator tokens too (the Emulator asks for '{appId}/.default'): a token
            // issued to us for another resource, like the Bot Connector token we send to channels, must
            // not be replayable against this endpoint.
            ValidAudience = _identity.MicrosoftAppId,
            IssuerSigningKey = key.Key,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = Algorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = ValidateLifetime,
        };
        var result = await _handler.ValidateTokenAsync(raw, parameters).ConfigureAwait(false);
        return result.IsValid ? (key, null) : (null, Describe(result.Exception));
    }

    /// <summary>nbf/exp against our <see cref="TimeProvider"/>, with the Bot Framework's 5 minutes of skew.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null) throw new SecurityTokenNoExpirationException("The token has no expiry.");
        if (notBefore is { } nbf && nbf - ClockSkew > now) throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        if (expires.Value + ClockSkew < now) throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        return true;
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException => "The token has no expiry.",
        SecurityTokenInvalidLifetimeException => "The token's lifetime is invalid.",
        SecurityTokenInvalidAudienceException => "The token is not addressed to this bot (audience).",
        SecurityTokenInvalidIssuerException => "The token's issuer is not trusted.",
        SecurityTokenInvalidAlgorithmException => "The token must be signed with RS256, RS384 or RS512.",
        SecurityTokenSignatureKeyNotFoundException => "The token's signing key is not published by its issuer.",
        SecurityTokenInvalidSignatureException => "The token's signature is invalid.",
        SecurityTokenMalformedException => "The bearer token is not a JWT.",
        _ => "The token is invalid.",
    };

    private static bool TryReadBearer(string header, out string token)
    {
        const string scheme = "Bearer ";
        token = "";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        token = header[scheme.Length..].Trim();
        return token.Length > 0;
    }
}
