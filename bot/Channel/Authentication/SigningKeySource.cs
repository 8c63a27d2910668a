using System.Text.Json;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace TrustBot.Bot.Channel.Authentication;

/// <summary>A signing key published by an issuer, with the channels it is endorsed for (Bot Framework keys only).</summary>
internal sealed record SigningKey(SecurityKey Key, IReadOnlySet<string> Endorsements);

/// <summary>
/// The signing keys behind one OpenID metadata document (metadata → <c>jwks_uri</c>), cached by
/// <see cref="ConfigurationManager{T}"/> and refreshed automatically twice a day, and at once when a
/// token names a key we have not seen (the issuer rotated its keys).
/// </summary>
internal sealed class SigningKeySource
{
    /// <summary>At least daily, as Bot Framework asks; the manager adds up to an hour of jitter.</summary>
    private static readonly TimeSpan AutomaticRefreshInterval = TimeSpan.FromHours(12);

    /// <summary>Tokens with made-up key ids must not make us hammer the metadata endpoint.</summary>
    internal static readonly TimeSpan MinimumForcedRefreshGap = TimeSpan.FromMinutes(1);

    private readonly string _metadataUrl;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly string _httpClientName;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private DateTimeOffset? _lastForcedRefresh;

    public SigningKeySource(string metadataUrl, IHttpClientFactory httpClientFactory, string httpClientName, TimeProvider time, ILogger logger)
    {
        _metadataUrl = metadataUrl;
        _httpClientFactory = httpClientFactory;
        _httpClientName = httpClientName;
        _time = time;
        _logger = logger;
        _manager = CreateManager();
    }

    /// <summary>
    /// The key with this id, or null when the issuer does not publish it even after a refresh.
    /// Throws <see cref="InvalidOperationException"/> when the metadata was never loaded.
    /// </summary>
    public async Task<SigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var configuration = await Volatile.Read(ref _manager).GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        if (Find(configuration, keyId) is { } key) return key;

        await RefreshNowAsync(cancellationToken).ConfigureAwait(false);
        configuration = await Volatile.Read(ref _manager).GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
        return Find(configuration, keyId);
    }

    /// <summary>
    /// Fetches the metadata again and waits for it. ConfigurationManager.RequestRefresh only starts a
    /// background fetch, so the request holding the new key would still fail; a fresh manager's first
    /// fetch is awaited instead, then it replaces the old one (and keeps the automatic refresh).
    /// </summary>
    private async Task RefreshNowAsync(CancellationToken cancellationToken)
    {
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            if (_lastForcedRefresh is { } last && now - last < MinimumForcedRefreshGap) return;
            _lastForcedRefresh = now;

            var fresh = CreateManager();
            try
            {
                await fresh.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _manager, fresh);
            }
            catch (InvalidOperationException ex)
            {
                _logger.LogWarning(ex, "Refreshing the signing keys from {MetadataUrl} failed; the cached keys stay in use", _metadataUrl);
            }
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    private ConfigurationManager<OpenIdConnectConfiguration> CreateManager()
    {
        var retriever = new HttpDocumentRetriever(_httpClientFactory.CreateClient(_httpClientName))
        {
            RequireHttps = RequiresHttps(_metadataUrl),
        };
        return new ConfigurationManager<OpenIdConnectConfiguration>(_metadataUrl, new OpenIdConnectConfigurationRetriever(), retriever)
        {
            AutomaticRefreshInterval = AutomaticRefreshInterval,
            RefreshInterval = MinimumForcedRefreshGap,
        };
    }

    /// <summary>Plain http only for a metadata server on this machine (tests, local tools); never across the network.</summary>
    internal static bool RequiresHttps(string metadataUrl) => !TrustedServiceUrls.IsLoopback(metadataUrl);

    private static SigningKey? Find(OpenIdConnectConfiguration configuration, string keyId)
    {
        var key = configuration.SigningKeys.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));
        if (key is null) return null;
        var jwk = configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        return new SigningKey(key, ReadEndorsements(jwk));
    }

    /// <summary><c>endorsements</c> is a Bot Framework extension of the JWK: the channel ids the key may sign for.</summary>
    private static HashSet<string> ReadEndorsements(JsonWebKey? jwk)
    {
        var endorsements = new HashSet<string>(StringComparer.Ordinal);
        if (jwk is null || !jwk.AdditionalData.TryGetValue("endorsements", out var value)) return endorsements;
        switch (value)
        {
            case string single:
                endorsements.Add(single);
                break;
            case JsonElement { ValueKind: JsonValueKind.Array } array:
                foreach (var item in array.EnumerateArray())
                    if (item.ValueKind == JsonValueKind.String && item.GetString() is { } s) endorsements.Add(s);
                break;
            case System.Collections.IEnumerable items:
                foreach (var item in items)
                    if (item is string s) endorsements.Add(s);
                    else if (item is JsonElement { ValueKind: JsonValueKind.String } e && e.GetString() is { } es) endorsements.Add(es);
                break;
        }
        return endorsements;
    }
}
