using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrustBot.Tests.Integration;

/// <summary>One request as the proxy passed it on: its arrival order, the instance it went to and that instance's status.</summary>
public sealed record ProxiedRequest(long Sequence, int Upstream, string Method, string Path, int Status);

/// <summary>
/// A load balancer without session affinity, as small as it gets: a Kestrel server on 127.0.0.1 that
/// hands each incoming request to the next upstream in turn (0, 1, 0, 1 …) and copies the answer back.
/// Every request is logged, so a test can say which instance served which request and with what status.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    // Hop-by-hop headers belong to one connection, and Host and Content-Length are set again for the next hop.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly IReadOnlyList<Uri> _upstreams;
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };
    private readonly ConcurrentQueue<ProxiedRequest> _log = new();
    private long _arrivals;

    private RoundRobinProxy(WebApplication app, IReadOnlyList<Uri> upstreams)
    {
        _app = app;
        _upstreams = upstreams;
    }

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Url { get; private set; } = "";

    /// <summary>Every request answered so far, in arrival order.</summary>
    public IReadOnlyList<ProxiedRequest> Log => [.. _log.OrderBy(r => r.Sequence)];

    public static async Task<RoundRobinProxy> StartAsync(IReadOnlyList<Uri> upstreams)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new RoundRobinProxy(app, upstreams);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        proxy.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return proxy;
    }

    /// <summary>Forgets the log and starts the rotation again at upstream 0.</summary>
    public void Reset()
    {
        _log.Clear();
        Interlocked.Exchange(ref _arrivals, 0);
    }

    private async Task ForwardAsync(HttpContext http)
    {
        var sequence = Interlocked.Increment(ref _arrivals) - 1;
        var upstream = (int)(sequence % _upstreams.Count);
        var incoming = http.Request;

        using var body = new MemoryStream();
        await incoming.Body.CopyToAsync(body, http.RequestAborted);
        using var request = new HttpRequestMessage(new HttpMethod(incoming.Method), new Uri(_upstreams[upstream], incoming.Path.Value + incoming.QueryString.Value));
        if (body.Length > 0) request.Content = new ByteArrayContent(body.ToArray());
        foreach (var (name, values) in incoming.Headers)
        {
            if (NotForwarded.Contains(name)) continue;
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values)) request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
        }

        int status;
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
            status = (int)response.StatusCode;
            http.Response.StatusCode = status;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!NotForwarded.Contains(name)) http.Response.Headers[name] = values.ToArray();
            }
            await response.Content.CopyToAsync(http.Response.Body, http.RequestAborted);
        }
        catch (HttpRequestException)
        {
            // The instance could not be reached: a gateway error, as a real load balancer would answer.
            status = StatusCodes.Status502BadGateway;
            http.Response.StatusCode = status;
        }
        _log.Enqueue(new ProxiedRequest(sequence, upstream, incoming.Method, incoming.Path.Value ?? "", status));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }
}
