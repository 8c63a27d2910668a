using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Schema;

namespace TrustBot.Tests.Http;

/// <summary>POST /api/messages through the real ASP.NET Core pipeline, in local mode.</summary>
public sealed class MessagesEndpointTests : IAsyncLifetime
{
    private const int MaxActivityBytes = 8192;

    private readonly TrustBotFactory _factory = new(new Dictionary<string, string?> { ["BotFramework:MaxActivityBytes"] = MaxActivityBytes.ToString() });
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostRawAsync(string json) =>
        _client.PostAsync("/api/messages", new StringContent(json, Encoding.UTF8, "application/json"));

    private static JsonObject MessageJson() => JsonNode.Parse(JsonSerializer.Serialize(Activities.Message(), ProtocolJson.Default.Activity))!.AsObject();

    [Fact]
    public async Task Message_with_expectReplies_returns_the_reply_addressed_back_to_the_sender()
    {
        var inbound = Activities.Message();
        using var response = await Activities.PostAsync(_client, inbound);

        var replies = await Activities.ReadRepliesAsync(response);
        Assert.NotEmpty(replies.Activities);
        var reply = replies.Activities[0];
        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.Equal(inbound.Recipient!.Id, reply.From?.Id);
        Assert.Equal(inbound.From!.Id, reply.Recipient?.Id);
        Assert.Equal(inbound.Id, reply.ReplyToId);
        Assert.Equal(inbound.Conversation!.Id, reply.Conversation?.Id);
        Assert.Equal(inbound.ChannelId, reply.ChannelId);
        Assert.Equal(inbound.ServiceUrl, reply.ServiceUrl);
        Assert.False(string.IsNullOrEmpty(reply.Id));
    }

    [Fact]
    public async Task ExpectReplies_body_is_an_activities_array_in_camel_case()
    {
        using var response = await Activities.PostAsync(_client, Activities.Message());
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var first = body["activities"]!.AsArray()[0]!.AsObject();
        Assert.Equal("message", first["type"]!.GetValue<string>());
        Assert.True(first.ContainsKey("replyToId"));
        Assert.True(first.ContainsKey("recipient"));
    }

    [Theory]
    [InlineData("{\"type\":\"message\",")]
    [InlineData("not json")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"yesterday\"}")]
    public async Task Malformed_json_is_400_with_a_json_error(string body)
    {
        using var response = await PostRawAsync(body);
        await Activities.AssertErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(0, _factory.Turns.Count);
    }

    [Fact]
    public async Task Activity_without_type_is_400()
    {
        var json = MessageJson();
        json.Remove("type");
        using var response = await PostRawAsync(json.ToJsonString());
        Assert.Contains("type", await Activities.AssertErrorAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal(0, _factory.Turns.Count);
    }

    [Fact]
    public async Task Activity_without_conversation_id_is_400()
    {
        var json = MessageJson();
        json["conversation"]!.AsObject().Remove("id");
        using var response = await PostRawAsync(json.ToJsonString());
        Assert.Contains("conversation.id", await Activities.AssertErrorAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal(0, _factory.Turns.Count);
    }

    private static byte[] OversizedBody()
    {
        var json = MessageJson();
        json["text"] = new string('x', MaxActivityBytes);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    [Fact]
    public async Task Body_over_the_limit_with_content_length_is_413()
    {
        var content = new ByteArrayContent(OversizedBody());
        content.Headers.ContentType = Activities.JsonMediaType;
        using var response = await _client.PostAsync("/api/messages", content);
        await Activities.AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, _factory.Turns.Count);
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_413()
    {
        var content = new Activities.UnknownLengthContent(OversizedBody());
        content.Headers.ContentType = Activities.JsonMediaType;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _client.SendAsync(request);
        await Activities.AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, _factory.Turns.Count);
    }

    [Fact]
    public async Task Chunked_body_under_the_limit_runs_the_turn()
    {
        var bytes = Encoding.UTF8.GetBytes(MessageJson().ToJsonString());
        var replies = await PostChunkedAsync(new Activities.UnknownLengthContent(bytes));
        Assert.Contains(replies.Activities, a => a.Type == ActivityTypes.Message);
    }

    private async Task<ExpectedReplies> PostChunkedAsync(HttpContent content)
    {
        content.Headers.ContentType = Activities.JsonMediaType;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _client.SendAsync(request);
        return await Activities.ReadRepliesAsync(response);
    }

    [Fact]
    public async Task Body_arriving_in_many_small_pieces_runs_the_turn_like_one_sent_whole()
    {
        // The endpoint parses from the server's buffers; a body split over several of them is read as one.
        var json = MessageJson();
        json["text"] = "hi " + new string('x', 6000);
        var replies = await PostChunkedAsync(new PiecewiseContent(Encoding.UTF8.GetBytes(json.ToJsonString()), pieceBytes: 200));
        Assert.Contains(replies.Activities, a => a.Type == ActivityTypes.Message);
        Assert.Equal(1, _factory.Turns.Count);
    }

    /// <summary>A body written a few bytes at a time, each piece flushed and let go before the next.</summary>
    private sealed class PiecewiseContent(byte[] bytes, int pieceBytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            for (var at = 0; at < bytes.Length; at += pieceBytes)
            {
                await stream.WriteAsync(bytes.AsMemory(at, Math.Min(pieceBytes, bytes.Length - at)));
                await stream.FlushAsync();
                await Task.Delay(1);
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Methods_other_than_post_are_405_with_allow_post(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/messages");
        if (method == "PUT") request.Content = Activities.Json(Activities.Message());
        using var response = await _client.SendAsync(request);
        await Activities.AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", response.Content.Headers.Allow);
        Assert.Equal(0, _factory.Turns.Count);
    }

    [Fact]
    public async Task Unknown_activity_type_is_200_without_a_reply_or_a_turn()
    {
        var activity = Activities.Message();
        activity.Type = "somethingNew";
        using var response = await Activities.PostAsync(_client, activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("activities", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, _factory.Turns.Count);
    }

    [Fact]
    public async Task Message_without_expectReplies_from_an_unknown_service_is_acknowledged_without_a_body()
    {
        // No connector delivers to this service URL yet, so the turn's reply cannot be sent;
        // the channel must still get a plain 200 with no body (protocol.md section 4).
        var activity = Activities.Message(Channels.Emulator, "http://127.0.0.1:9/", expectReplies: false);
        using var response = await Activities.PostAsync(_client, activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, _factory.Turns.Count);
    }

    private static Activity ConversationUpdate(params ChannelAccount[] membersAdded)
    {
        var activity = Activities.Message();
        activity.Type = ActivityTypes.ConversationUpdate;
        activity.Text = null;
        activity.MembersAdded = [.. membersAdded];
        return activity;
    }

    [Fact]
    public async Task ConversationUpdate_adding_a_person_is_answered_with_a_welcome()
    {
        var update = ConversationUpdate(new ChannelAccount { Id = "29:person", Name = "Alex" });
        using var response = await Activities.PostAsync(_client, update);
        var replies = await Activities.ReadRepliesAsync(response);
        var welcome = replies.Activities.First(a => a.Type == ActivityTypes.Message);
        Assert.Contains("TrustBot", welcome.Text);
        Assert.Equal("29:person", welcome.Recipient?.Id);
        Assert.Equal(update.Recipient!.Id, welcome.From?.Id);
        Assert.Equal(update.Conversation!.Id, welcome.Conversation?.Id);
    }

    [Fact]
    public async Task ConversationUpdate_installing_the_bot_in_teams_is_accepted()
    {
        // protocol.md section 6: Teams installs a bot with a conversationUpdate whose membersAdded holds
        // only the bot, and the bot welcomes the person who installed it.
        var update = ConversationUpdate(new ChannelAccount { Id = "28:bot", Name = "TrustBot" });
        update.ChannelId = "msteams";
        update.Recipient = new ChannelAccount { Id = "28:bot", Name = "TrustBot" };
        using var response = await Activities.PostAsync(_client, update);
        var replies = await Activities.ReadRepliesAsync(response);
        Assert.All(replies.Activities, a => Assert.Equal(update.Conversation!.Id, a.Conversation?.Id));
        Assert.Contains(replies.Activities, a => a.Text?.Contains("TrustBot", StringComparison.Ordinal) == true);
        Assert.Equal(1, _factory.Turns.Count);
    }

    [Fact]
    public async Task Invoke_without_a_handler_is_501()
    {
        var invoke = Activities.Message(expectReplies: false);
        invoke.Type = ActivityTypes.Invoke;
        invoke.Name = "some/unhandled";
        invoke.Text = null;
        invoke.Value = new JsonObject { ["x"] = 1 };
        using var response = await Activities.PostAsync(_client, invoke);
        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Equal(1, _factory.Turns.Count);
    }

    [Fact]
    public async Task Healthz_answers_200()
    {
        using var response = await _client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
