using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Bot.Hosting;
using TrustBot.Bot.Storage;

namespace TrustBot.Tests.Storage;

/// <summary>In Azure the bot reaches its tables with a managed identity: a table endpoint and no account key.</summary>
public sealed class ManagedIdentityStorageTests
{
    private const string Endpoint = "https://trustbotprod.table.core.windows.net/";

    /// <summary>Answers every table request with 404 and keeps what was asked.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("""{"odata.error":{"code":"ResourceNotFound","message":{"lang":"en-US","value":"Not found"}}}""", System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }

    private sealed class IdentityStandIn : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("token-of-the-identity", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    [Fact]
    public async Task With_a_table_endpoint_requests_carry_the_identitys_entra_token_and_no_account_key()
    {
        var handler = new RecordingHandler();
        var identity = new IdentityStandIn();
        var clientOptions = StorageServiceCollectionExtensions.CreateClientOptions();
        clientOptions.Transport = new HttpClientTransport(new HttpClient(handler));
        var service = StorageServiceCollectionExtensions.CreateServiceClient(
            new StorageOptions { Endpoint = Endpoint, ConnectionString = "UseDevelopmentStorage=true" }, identity, clientOptions);

        var row = await service.GetTableClient("TrustBotJourney").GetEntityIfExistsAsync<TableEntity>("msteams/users/29:abc", "user");

        Assert.False(row.HasValue);
        var request = Assert.Single(handler.Requests);
        Assert.Equal("trustbotprod.table.core.windows.net", request.RequestUri!.Host);
        Assert.Equal(("Bearer", "token-of-the-identity"), (request.Headers.Authorization!.Scheme, request.Headers.Authorization.Parameter));
        Assert.Contains("https://storage.azure.com/.default", identity.Scopes);
    }

    [Fact]
    public void A_configured_identity_client_id_selects_that_managed_identity_and_none_falls_back_to_the_default_chain()
    {
        Assert.IsType<ManagedIdentityCredential>(StorageServiceCollectionExtensions.CreateCredential(
            new StorageOptions { Endpoint = Endpoint, ManagedIdentityClientId = "6f1c2a53-0b1e-4b0a-9a55-3d2c2f7f1d10" }));
        Assert.IsType<DefaultAzureCredential>(StorageServiceCollectionExtensions.CreateCredential(new StorageOptions { Endpoint = Endpoint }));
    }

    [Fact]
    public void The_bot_uses_the_endpoint_over_the_connection_string_when_both_are_configured()
    {
        using var host = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Endpoint"] = Endpoint,
            ["Storage:ManagedIdentityClientId"] = "6f1c2a53-0b1e-4b0a-9a55-3d2c2f7f1d10",
            ["Proactive:Enabled"] = "false",
        })));
        var service = host.Services.GetRequiredService<TableServiceClient>();
        Assert.Equal(new Uri(Endpoint), service.Uri);
        Assert.Equal("trustbotprod", service.AccountName);
    }

    [Fact]
    public void A_plain_http_endpoint_is_refused_with_a_message_naming_the_setting()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            StorageServiceCollectionExtensions.CreateServiceClient(new StorageOptions { Endpoint = "http://trustbotprod.table.core.windows.net/" }));
        Assert.Contains("Storage:Endpoint", error.Message);
    }
}
