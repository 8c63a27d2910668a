using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Turns;

namespace TrustBot.Tests.Http;

/// <summary>
/// The real bot (Program, AddTrustBot, MapBotEndpoints) on an in-process ASP.NET Core server, with
/// in-memory storage, no proactive scheduler and the given configuration overrides.
/// </summary>
public sealed class TrustBotFactory(IReadOnlyDictionary<string, string?>? overrides = null) : WebApplicationFactory<Program>
{
    /// <summary>Counts the turns that actually ran, so a test can prove a request ran none.</summary>
    public TurnCounter Turns { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["Storage:Provider"] = "Memory",
            ["Proactive:Enabled"] = "false",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services => services.AddSingleton<IMiddleware>(Turns));
    }
}

/// <summary>A pass-through middleware that counts the turns reaching the pipeline.</summary>
public sealed class TurnCounter : IMiddleware
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return next(cancellationToken);
    }
}
