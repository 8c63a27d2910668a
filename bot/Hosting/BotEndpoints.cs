using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Bot.Hosting;

public static class BotEndpoints
{
    /// <summary>Maps POST /api/messages and GET /healthz.</summary>
    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapMethods("/api/messages", ["POST"], HandleMessagesAsync);
        app.MapMethods("/api/messages", ["GET", "PUT", "DELETE", "PATCH", "HEAD"], (HttpContext http) =>
        {
            http.Response.Headers.Allow = "POST";
            return Results.Json(new ErrorBody("Use POST to send an activity to /api/messages."), BotJson.Default.ErrorBody, statusCode: 405);
        });
        app.MapHealthChecks("/healthz");
        foreach (var map in app.Services.GetServices<IEndpointContributor>()) map.Map(app);
        return app;
    }

    private static async Task<IResult> HandleMessagesAsync(
        HttpContext http, BotHttpAdapter adapter, IBot bot, IInboundAuthenticator authenticator,
        IOptions<BotFrameworkOptions> options, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxActivityBytes;
        var body = await LimitedBody.ReadAsync(http.Request, limit, cancellationToken);
        if (body is null) return Error(413, $"The activity is larger than {limit} bytes.");

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, ProtocolJson.Default.Activity);
        }
        catch (JsonException)
        {
            return Error(400, "The body is not valid activity JSON.");
        }
        if (activity is null || string.IsNullOrWhiteSpace(activity.Type)) return Error(400, "The activity has no 'type'.");

        var auth = await authenticator.AuthenticateAsync(http.Request.Headers.Authorization.ToString() is { Length: > 0 } h ? h : null, activity, cancellationToken);
        if (!auth.Succeeded)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(401, auth.Failure ?? "Unauthorized.");
        }

        if (!ActivityTypes.IsKnown(activity.Type)) return Results.Ok();
        if (MissingField(activity) is { } missing) return Error(400, $"The activity has no '{missing}'.");

        var outcome = await adapter.ProcessActivityAsync(activity, auth, bot.OnTurnAsync, cancellationToken);
        return outcome.Body switch
        {
            null => Results.StatusCode(outcome.Status),
            ExpectedReplies replies => Results.Json(replies, ProtocolJson.Default.ExpectedReplies, statusCode: outcome.Status),
            ErrorBody error => Results.Json(error, BotJson.Default.ErrorBody, statusCode: outcome.Status),
            System.Text.Json.Nodes.JsonNode node => Results.Json(node, ProtocolJson.Default.JsonNode, statusCode: outcome.Status),
            _ => Results.StatusCode(outcome.Status),
        };
    }

    private static string? MissingField(Activity a)
    {
        if (string.IsNullOrWhiteSpace(a.ChannelId)) return "channelId";
        if (string.IsNullOrWhiteSpace(a.Conversation?.Id)) return "conversation.id";
        if (string.IsNullOrWhiteSpace(a.From?.Id) && a.Type == ActivityTypes.Message) return "from.id";
        if (string.IsNullOrWhiteSpace(a.ServiceUrl) && a.DeliveryMode != DeliveryModes.ExpectReplies && a.Type != ActivityTypes.Invoke) return "serviceUrl";
        return null;
    }

    private static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), BotJson.Default.ErrorBody, statusCode: status);
}

/// <summary>Lets a feature (web chat, Direct Line, ...) add its own endpoints.</summary>
public interface IEndpointContributor
{
    void Map(WebApplication app);
}
