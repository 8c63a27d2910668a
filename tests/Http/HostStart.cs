using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;

namespace TrustBot.Tests.Http;

/// <summary>
/// Starts a host with the bot's real registrations (AddTrustBot) and the given settings, and returns why it refused to
/// start. A host, not WebApplicationFactory: when start-up fails, the factory can report that its service provider was
/// disposed instead of the validation failure, depending on timing.
/// </summary>
internal static class HostStart
{
    public static async Task<OptionsValidationException> FailsAsync(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = "Memory", ["Proactive:Enabled"] = "false" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddTrustBot(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        var failures = error is AggregateException all ? all.InnerExceptions : [error];
        return Assert.IsType<OptionsValidationException>(Assert.Single(failures));
    }
}
