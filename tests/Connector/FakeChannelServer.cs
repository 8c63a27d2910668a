using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TrustBot.Tests.Connector;

/// <summary>One request as the loopback server saw it.</summary>
public sealed record RecordedRequest(string Method, string RawTarget, string Path, string? Authorization, string? ContentType, string Body, IFormCollection? Form, TimeSpan At);

/// <summary>A scripted answer from the fake channel.</summary>
public sealed record ScriptedResponse(int Status, string? Body = null, string? RetryAfter = null)
{
    public static ScriptedResponse Error(int status, string code) =>
        new(status, $$$"""{"error":{"code":"{{{code}}}","message":"scripted {{{code}}}"}}""");
}

/// <summary>
/// A Kestrel server on 127.0.0.1 that plays the Microsoft identity token endpoint
/// (any path ending in <c>/oauth2/v2.0/token</c>) and the Bot Connector REST API,
/// recording every request it receives.
/// </summary>
public sealed class FakeChannelServer : IAsyncDisposable
{
    public const string TokenPath = "/botframework.com/oauth2/v2.0/token";

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<ScriptedResponse> _tokenScript = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private int _tokensIssued;
    private int _activityIds;

    private FakeChannelServer(WebApplication app) => _app = app;

    /// <summary>Base URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Url { get; private set; } = "";

    public string TokenEndpoint => Url + TokenPath;

    /// <summary>Lifetime of issued tokens, in seconds.</summary>
    public int TokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>How long the token endpoint takes to answer (to let concurrent callers pile up).</summary>
    public TimeSpan TokenDelay { get; set; }

    /// <summary>How long the Bot Connector routes take to answer.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Answer when the script is empty; null means 200 with a new activity id.</summary>
    public ScriptedResponse? DefaultResponse { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public IReadOnlyList<RecordedRequest> TokenRequests => [.. _requests.Where(r => r.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))];

    public IReadOnlyList<RecordedRequest> ConnectorRequests => [.. _requests.Where(r => !r.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))];

    public static async Task<FakeChannelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeChannelServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single().TrimEnd('/');
        return server;
    }

    /// <summary>Queues answers for the next Bot Connector requests, in order.</summary>
    public void Respond(params ScriptedResponse[] responses)
    {
        foreach (var r in responses) _script.Enqueue(r);
    }

    /// <summary>Queues answers for the next token requests, in order.</summary>
    public void RespondToToken(params ScriptedResponse[] responses)
    {
        foreach (var r in responses) _tokenScript.Enqueue(r);
    }

    private async Task HandleAsync(HttpContext http)
    {
        var request = http.Request;
        var rawTarget = http.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var isToken = request.Path.Value?.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal) == true;
        IFormCollection? form = null;
        string body;
        if (request.HasFormContentType)
        {
            form = await request.ReadFormAsync();
            body = "";
        }
        else
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync();
        }
        _requests.Enqueue(new RecordedRequest(request.Method, rawTarget, request.Path.Value ?? "", request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, request.ContentType, body, form, _clock.Elapsed));

        if (isToken)
        {
            if (TokenDelay > TimeSpan.Zero) await Task.Delay(TokenDelay);
            if (_tokenScript.TryDequeue(out var tokenAnswer))
            {
                await WriteAsync(http, tokenAnswer);
                return;
            }
            var n = Interlocked.Increment(ref _tokensIssued);
            await WriteAsync(http, new ScriptedResponse(200, $$"""{"token_type":"Bearer","expires_in":{{TokenLifetimeSeconds}},"ext_expires_in":{{TokenLifetimeSeconds}},"access_token":"token-{{n}}"}"""));
            return;
        }

        if (ResponseDelay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(ResponseDelay, http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (_script.TryDequeue(out var scripted) || (scripted = DefaultResponse) is not null)
        {
            await WriteAsync(http, scripted);
            return;
        }
        var id = Interlocked.Increment(ref _activityIds);
        if (request.Method == "DELETE")
        {
            http.Response.StatusCode = 200;
            return;
        }
        var createsConversation = request.Path.Value?.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal) == true;
        await WriteAsync(http, createsConversation
            ? new ScriptedResponse(201, $$"""{"id":"new-conversation-{{id}}","activityId":"activity-{{id}}","serviceUrl":"{{Url}}/"}""")
            : new ScriptedResponse(200, $$"""{"id":"activity-{{id}}"}"""));
    }

    private static async Task WriteAsync(HttpContext http, ScriptedResponse response)
    {
        http.Response.StatusCode = response.Status;
        if (response.RetryAfter is not null) http.Response.Headers.RetryAfter = response.RetryAfter;
        if (response.Body is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.WriteAsync(response.Body);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
