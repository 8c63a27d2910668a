using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Tests.DirectLine;

namespace TrustBot.Tests.Abuse;

/// <summary>
/// The real bot (Program, the real TrustBotHandler, in-memory storage) as an outsider reaches it:
/// every request can claim a client address with the <c>X-Test-Client</c> header (the server sets
/// the connection's remote address from it, as Kestrel would), and every log line is captured.
/// </summary>
public sealed class AbuseApp(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? environment = null)
    : WebApplicationFactory<Program>
{
    public const string ClientHeader = "X-Test-Client";

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            ["Storage:Provider"] = "Memory",
            ["Proactive:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        if (environment is not null) builder.UseEnvironment(environment);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(all));
        builder.ConfigureLogging(l => l.AddProvider(Logs));
        builder.ConfigureTestServices(s =>
        {
            s.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            services?.Invoke(s);
        });
    }

    public MemoryStorage Storage => (MemoryStorage)Services.GetRequiredService<IStorage>();

    /// <summary>An HTTP client speaking for one client address (null: in-process, like a loopback caller).</summary>
    public HttpClient ClientFrom(string? address, string baseAddress = "http://localhost", bool cookies = true)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(baseAddress), HandleCookies = cookies });
        if (address is not null) client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    public DirectLineTestClient DirectLineFrom(string? address) => new(ClientFrom(address));

    /// <summary>Rows stored in the partition of a person (<c>{channel}/users/{id}</c>).</summary>
    public async Task<int> RowsOfAsync(string channel, string userId) =>
        (await Storage.QueryAsync($"{channel}/users/{userId}", "", 1000, CancellationToken.None)).Count;

    /// <summary>Posts raw JSON to /api/messages.</summary>
    public static Task<HttpResponseMessage> PostMessagesAsync(HttpClient client, string json, string contentType = "application/json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync("/api/messages", content);
    }

    /// <summary>An activity as the Emulator would send it with expectReplies; <paramref name="change"/> edits it.</summary>
    public static JsonObject EmulatorMessage(string text, string userId = "emulator-user", string conversationId = "emu-conv-1", Action<JsonObject>? change = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["channelId"] = "emulator",
            ["serviceUrl"] = "http://localhost:9",
            ["deliveryMode"] = "expectReplies",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Sam" },
            ["recipient"] = new JsonObject { ["id"] = "bot", ["name"] = "TrustBot" },
            ["conversation"] = new JsonObject { ["id"] = conversationId },
            ["text"] = text,
        };
        change?.Invoke(activity);
        return activity;
    }

    /// <summary>The texts of an expectReplies answer.</summary>
    public static async Task<List<string>> ReplyTextsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return body!["activities"]!.AsArray().Select(a => a!["text"]?.GetValue<string>() ?? "").ToList();
    }

    /// <summary>Sets the connection's remote address from the test header, before any of the app's middleware runs.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(ClientHeader, out var value) && IPAddress.TryParse(value.ToString(), out var ip))
                    http.Connection.RemoteIpAddress = ip;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

/// <summary>Every formatted log line (and exception text) the app wrote.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => _lines.ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception)}");
    }
}
