using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Schema;

namespace TrustBot.Tests.Http;

/// <summary>Inbound activities as channels send them, and helpers to post them and read the answer.</summary>
public static class Activities
{
    public const string TeamsServiceUrl = "https://smba.trafficmanager.net/amer/";

    public static Activity Message(string channelId = Channels.Msteams, string serviceUrl = TeamsServiceUrl, string botId = "28:bot", bool expectReplies = true) => new()
    {
        Type = ActivityTypes.Message,
        Id = "activity-1",
        Timestamp = DateTimeOffset.UtcNow,
        ChannelId = channelId,
        ServiceUrl = serviceUrl,
        From = new ChannelAccount { Id = "29:person", Name = "Alex", Role = RoleTypes.User },
        Recipient = new ChannelAccount { Id = botId, Name = "TrustBot", Role = RoleTypes.Bot },
        Conversation = new ConversationAccount { Id = "a:conversation-1", ConversationType = "personal" },
        Text = "hi",
        Locale = "en-US",
        DeliveryMode = expectReplies ? DeliveryModes.ExpectReplies : null,
    };

    public static HttpContent Json(Activity activity) =>
        new StringContent(JsonSerializer.Serialize(activity, ProtocolJson.Default.Activity), Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Activity activity, string? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = Json(activity) };
        if (authorization is not null) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostWithBearerAsync(HttpClient client, Activity activity, string token) =>
        await PostAsync(client, activity, "Bearer " + token);

    /// <summary>The ExpectedReplies body of a 200 answer.</summary>
    public static async Task<ExpectedReplies> ReadRepliesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var replies = JsonSerializer.Deserialize(await response.Content.ReadAsStringAsync(), ProtocolJson.Default.ExpectedReplies);
        Assert.NotNull(replies);
        return replies;
    }

    /// <summary>Asserts a short JSON error of the given status and returns its message.</summary>
    public static async Task<string> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.False(body.ContainsKey("activities"), "an error answer must not carry replies");
        var error = body["error"]?.GetValue<string>();
        Assert.False(string.IsNullOrWhiteSpace(error));
        return error!;
    }

    /// <summary>A request body whose length is not known up front, so it is sent chunked.</summary>
    public sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    public static MediaTypeHeaderValue JsonMediaType => new("application/json");
}
