using Microsoft.Extensions.Options;

namespace TrustBot.Bot.Hosting;

/// <summary>
/// Checks the Azure Bot registration at start-up, so a half-configured identity stops the bot with a message
/// saying what to set instead of failing later on the first reply (401 from the token endpoint).
/// </summary>
internal sealed class BotIdentityOptionsValidator : IValidateOptions<BotIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, BotIdentityOptions options)
    {
        var type = options.MicrosoftAppType?.Trim();
        if (!string.IsNullOrEmpty(type) && !type.Equals("MultiTenant", StringComparison.OrdinalIgnoreCase) && !options.IsSingleTenant)
        {
            return ValidateOptionsResult.Fail(
                $"MicrosoftAppType '{type}' is not supported: set it to MultiTenant or SingleTenant, as in the Azure Bot's configuration "
                + "(TrustBot signs in with the app registration's client secret, not with a managed identity).");
        }
        if (options.IsLocalMode) return ValidateOptionsResult.Success;

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            failures.Add("MicrosoftAppId is set but MicrosoftAppPassword is empty: set MicrosoftAppPassword to a client secret of that app "
                + "registration (an environment variable or your host's secret store, never appsettings.json), or clear MicrosoftAppId to run in local mode.");
        }
        if (options.IsSingleTenant && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            failures.Add("MicrosoftAppType is SingleTenant but MicrosoftAppTenantId is empty: set MicrosoftAppTenantId to the Entra ID tenant "
                + "(directory) id of the app registration, or set MicrosoftAppType to MultiTenant if the registration is multi-tenant.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
