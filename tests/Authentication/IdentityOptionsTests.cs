using Microsoft.Extensions.Options;
using TrustBot.Tests.Http;

namespace TrustBot.Tests.Authentication;

/// <summary>A half-configured Azure Bot identity stops the bot at start with a message saying what to set.</summary>
public sealed class IdentityOptionsTests
{
    private const string AppId = "00000000-0000-0000-0000-0000000000b1";

    private static OptionsValidationException StartFails(Dictionary<string, string?> settings)
    {
        using var host = new TrustBotFactory(settings);
        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        for (Exception? e = error; e is not null; e = e.InnerException)
            if (e is OptionsValidationException validation) return validation;
        throw new Xunit.Sdk.XunitException($"Expected an options validation failure, got: {error}");
    }

    [Fact]
    public void An_app_id_without_a_password_stops_the_bot_and_says_to_set_the_password_or_clear_the_id()
    {
        var error = StartFails(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppPassword"] = "" });

        Assert.Contains("MicrosoftAppId is set but MicrosoftAppPassword is empty: set MicrosoftAppPassword to a client secret", error.Message);
        Assert.Contains("or clear MicrosoftAppId to run in local mode", error.Message);
    }

    [Fact]
    public void A_single_tenant_bot_without_a_tenant_stops_the_bot_and_says_to_set_the_tenant()
    {
        var error = StartFails(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppType"] = "singletenant", ["MicrosoftAppTenantId"] = " " });

        Assert.Contains("MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is empty: set MicrosoftAppTenantId", error.Message);
    }

    [Fact]
    public void An_app_type_the_bot_cannot_sign_in_with_stops_the_bot_naming_the_supported_ones()
    {
        var error = StartFails(new() { ["MicrosoftAppId"] = AppId, ["MicrosoftAppPassword"] = "secret", ["MicrosoftAppType"] = "UserAssignedMSI" });

        Assert.Contains("MicrosoftAppType 'UserAssignedMSI' is not supported: set it to MultiTenant or SingleTenant", error.Message);
    }

    [Theory]
    [InlineData("", "", "MultiTenant", "")]
    [InlineData(AppId, "secret", "MultiTenant", "")]
    [InlineData(AppId, "secret", "", "")]
    [InlineData(AppId, "secret", "SingleTenant", "7f1c0b3e-0000-4000-8000-0000000000aa")]
    public async Task A_complete_identity_or_local_mode_starts(string appId, string password, string appType, string tenant)
    {
        await using var host = new TrustBotFactory(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = appId, ["MicrosoftAppPassword"] = password, ["MicrosoftAppType"] = appType, ["MicrosoftAppTenantId"] = tenant,
        });
        using var client = host.CreateClient();

        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
