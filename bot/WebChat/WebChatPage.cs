using System.Reflection;
using Microsoft.Extensions.Options;
using TrustBot.Bot.DirectLine;
using TrustBot.Bot.Hosting;

namespace TrustBot.Bot.WebChat;

/// <summary>
/// The web chat page at <c>GET /</c>: TrustBot's own page around the Bot Framework Web Chat
/// widget, whose bundle is served from the installed npm package (no CDN). The Content Security
/// Policy lets the page talk only to this bot (and to Direct Line when a secret is configured).
/// </summary>
internal sealed class WebChatPage(IOptions<DirectLineOptions> options, IWebHostEnvironment environment, ILogger<WebChatPage> logger) : IEndpointContributor
{
    private const string BundleRelativePath = "node_modules/botframework-webchat/dist/webchat.js";

    public void Map(WebApplication app)
    {
        var page = Resource("index.html");
        var script = Resource("app.js");
        var style = Resource("app.css");
        var icon = Resource("icon.svg");
        var bundle = FindBundle();
        if (bundle is null)
            logger.LogWarning("The Web Chat bundle ({Path}) was not found: run 'npm ci' in the repository root so the page can load.", BundleRelativePath);
        var policy = ContentSecurityPolicy(options.Value);

        app.MapGet("/", (HttpContext http) =>
        {
            SecurityHeaders(http, policy);
            http.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(page, "text/html; charset=utf-8");
        });
        app.MapGet("/webchat/app.js", (HttpContext http) => Asset(http, policy, script, "text/javascript; charset=utf-8"));
        app.MapGet("/webchat/app.css", (HttpContext http) => Asset(http, policy, style, "text/css; charset=utf-8"));
        app.MapGet("/webchat/icon.svg", (HttpContext http) => Asset(http, policy, icon, "image/svg+xml"));
        app.MapGet("/favicon.ico", () => Results.Redirect("/webchat/icon.svg", permanent: true));
        app.MapGet("/webchat/webchat.js", (HttpContext http) =>
        {
            SecurityHeaders(http, policy);
            if (bundle is null)
                return Results.Text("The Web Chat bundle is missing: run 'npm ci' in the repository root, then restart TrustBot.", "text/plain", statusCode: 503);
            http.Response.Headers.CacheControl = "public, max-age=86400";
            return Results.File(bundle, "text/javascript; charset=utf-8", enableRangeProcessing: false);
        });
    }

    private static IResult Asset(HttpContext http, string policy, byte[] content, string contentType)
    {
        SecurityHeaders(http, policy);
        http.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(content, contentType);
    }

    /// <summary>Only this origin for scripts, data and connections; inline styles because Web Chat injects its own.</summary>
    internal static string ContentSecurityPolicy(DirectLineOptions directLine)
    {
        var connect = "'self'";
        if (!string.IsNullOrWhiteSpace(directLine.Secret) && Uri.TryCreate(directLine.BaseUrl, UriKind.Absolute, out var remote))
        {
            var socketScheme = remote.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
            connect += $" {remote.GetLeftPart(UriPartial.Authority)} {socketScheme}://{remote.Authority}";
        }
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            + $"font-src 'self' data:; media-src 'self' data: blob:; connect-src {connect}; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
    }

    private static void SecurityHeaders(HttpContext http, string policy)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
    }

    /// <summary>The bundle copied next to the binaries, else the npm package found above the content root or the binaries.</summary>
    private string? FindBundle()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "webchat", "webchat.js");
        if (File.Exists(copied)) return copied;
        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, BundleRelativePath);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"TrustBot.WebChat.{name}")
            ?? throw new InvalidOperationException($"The web chat page resource {name} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
