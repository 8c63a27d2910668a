using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TrustBot.Schema;

namespace TrustBot.Bench;

/// <summary>
/// The ceiling of the HTTP stack on this machine: Kestrel parsing each posted activity with the bot's
/// own JSON contract and answering an empty <c>{"activities":[]}</c>, with no turn behind it.
/// </summary>
internal static class BareEndpoint
{
    private static readonly byte[] EmptyReplies = "{\"activities\":[]}"u8.ToArray();

    public static async Task<int> RunAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapPost("/api/messages", async (HttpContext http) =>
        {
            var activity = await JsonSerializer.DeserializeAsync(http.Request.Body, ProtocolJson.Default.Activity, http.RequestAborted);
            if (activity?.Type is null)
            {
                http.Response.StatusCode = 400;
                return;
            }
            http.Response.ContentType = "application/json; charset=utf-8";
            await http.Response.Body.WriteAsync(EmptyReplies, http.RequestAborted);
        });
        await app.RunAsync();
        return 0;
    }
}
