using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TrustBot.Tests.DirectLine;

namespace TrustBot.Tests.Teams;

/// <summary>The system clock moved forward by what a test asks (timers still run in real time).</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}

/// <summary>TrustBot on a loopback port with a movable clock, and Debian's chromium, shared by a test class.</summary>
public sealed class PlaygroundBot : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    public ShiftedClock Clock { get; } = new();

    public DirectLineApp App { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// The port of the one Playground whose connector the bot is configured to trust (<c>Playground:ServiceUrl</c>),
    /// so reminders reach it; Playgrounds on other ports stay unverified, as any local caller does.
    /// </summary>
    public int TrustedPlaygroundPort { get; } = Playground.FreePort();

    private IPlaywright? _playwright;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium), as ./test.sh does.");
        Assert.True(File.Exists(Playground.CliPath), $"{Playground.CliPath} is missing: run npm ci --ignore-scripts, as ./test.sh does.");
        App = new DirectLineApp(settings: new Dictionary<string, string?> { ["Playground:ServiceUrl"] = $"http://localhost:{TrustedPlaygroundPort}/_connector" }, services: s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
        });
        App.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        App?.Dispose();
    }
}

/// <summary>
/// One Microsoft 365 Agents Playground process (npm <c>@microsoft/m365agentsplayground</c>) in Teams mode against the bot,
/// with its own person and personal chat, so every test starts from a fresh install.
/// </summary>
public sealed partial class Playground : IAsyncDisposable
{
    public static string CliPath => Path.Combine(Repository.Root, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");

    private readonly Process _process;
    private readonly DirectoryInfo _workDirectory;

    private Playground(Process process, DirectoryInfo workDirectory, int port, string userId, string conversationId)
    {
        _process = process;
        _workDirectory = workDirectory;
        Url = $"http://localhost:{port}/";
        UserId = userId;
        PersonalConversationId = conversationId;
    }

    /// <summary>The Playground's page (and its mocked connector under <c>/_connector</c>).</summary>
    public string Url { get; }

    public string UserId { get; }

    public string PersonalConversationId { get; }

    public const string BotName = "TrustBot";

    public const string GroupChatName = "Family";

    public static async Task<Playground> StartAsync(string botBaseUrl, int? fixedPort = null)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var userId = $"29:person-{id}";
        var conversationId = $"a:personal-{id}";
        var work = Directory.CreateTempSubdirectory("trustbot-playground-");
        // The Playground reads its people, chats and bot from this file in its working directory.
        await File.WriteAllTextAsync(Path.Combine(work.FullName, ".m365agentsplayground.yml"), $"""
            version: "0.1.1"
            tenantId: 00000000-0000-0000-0000-0000000000a1
            bot:
              id: 28:trustbot-{id}
              name: {BotName}
            currentUser:
              id: {userId}
              name: Robin Example
              userPrincipleName: robin@example.com
              aadObjectId: 00000000-0000-0000-0000-0000000000b1
              givenName: Robin
              surname: Example
              email: robin@example.com
            users:
            {OtherPeople(id)}
            personalChat:
              id: {conversationId}
            groupChat:
              id: 19:group-{id}@thread.v2
              name: {GroupChatName}
            team:
              id: 19:team-{id}@thread.tacv2
              name: Home
              aadGroupId: 00000000-0000-0000-0000-0000000000c1
              channels:
                - id: 19:channel-{id}@thread.tacv2
                  name: Plans
            """);
        var start = new ProcessStartInfo("node") { WorkingDirectory = work.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { CliPath, "--app-endpoint", botBaseUrl + "/api/messages", "--channel-id", "msteams", "--port", (fixedPort ?? FreePort()).ToString(System.Globalization.CultureInfo.InvariantCulture), "--disable-telemetry" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            if (ListeningOn().Match(e.Data) is { Success: true } m) listening.TrySetResult(int.Parse(m.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var finished = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (finished != listening.Task)
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("The Agents Playground did not start:\n" + string.Join('\n', output));
        }
        // It prints "Listening" before it reads its configuration; a bad configuration is only in its own log.
        var port = await listening.Task;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var page = await http.GetAsync($"http://localhost:{port}/");
                if (page.IsSuccessStatusCode) break;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not answering yet.
            }
            if (attempt == 100 || process.HasExited)
            {
                var log = Path.Combine(work.FullName, "devTools", "m365agentsplayground.log");
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("The Agents Playground does not answer:\n" + (File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Join('\n', output)));
            }
            await Task.Delay(200);
        }
        return new Playground(process, work, port, userId, conversationId);
    }

    /// <summary>A page on the Playground that never reaches the internet (its web fonts and animations are on a CDN).</summary>
    public async Task<IPage> OpenAsync(IBrowser browser)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 2000 } });
        await context.RouteAsync("**/*", route => route.Request.Url.StartsWith(Url, StringComparison.Ordinal) ? route.ContinueAsync() : route.AbortAsync());
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 60_000 });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try
        {
            _workDirectory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Its log file may still be closing; the temp folder is cleaned by the system.
        }
    }

    /// <summary>The other members of the group chat and team (the Playground wants at least five).</summary>
    private static string OtherPeople(string id) => string.Join('\n', new[] { "Sam", "Alex", "Jo", "Kim", "Lee" }.Select((name, i) => $"""
          - id: 29:{name.ToLowerInvariant()}-{id}
            name: {name} Example
            userPrincipleName: {name.ToLowerInvariant()}@example.com
            aadObjectId: 00000000-0000-0000-0000-0000000000{i + 2:d2}
            givenName: {name}
            surname: Example
            email: {name.ToLowerInvariant()}@example.com
        """));

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningOn();
}
