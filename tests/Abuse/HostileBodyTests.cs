using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Tests.Connector;
using TrustBot.Tests.DirectLine;
using TrustBot.Turns;
using Xunit.Abstractions;

namespace TrustBot.Tests.Abuse;

/// <summary>
/// Hundreds of hostile bodies for /api/messages and the local Direct Line: wrong JSON kinds for every
/// field, nulls, nesting, huge strings, invalid Unicode, odd content types, chunked bodies over the limit.
/// Each gets its documented status (200, 400, 413 or 415), never a 500, never a failed turn (the
/// "Sorry, something went wrong" apology) and never a log line that carries the input.
/// </summary>
public sealed class HostileBodyTests(ITestOutputHelper output)
{
    private const string Apology = "Sorry, something went wrong";

    private static readonly string[] Fields =
    [
        "type", "id", "timestamp", "localTimestamp", "localTimezone", "serviceUrl", "channelId", "from", "from.id", "from.name", "from.role",
        "conversation", "conversation.id", "conversation.isGroup", "conversation.conversationType", "recipient", "recipient.id", "text", "locale",
        "textFormat", "attachments", "entities", "channelData", "value", "name", "membersAdded", "membersRemoved", "suggestedActions", "replyToId",
        "deliveryMode", "action", "relatesTo", "speak", "inputHint", "summary", "label", "valueType", "code", "expiration", "importance", "callerId",
    ];

    private static readonly (string Name, Func<JsonNode?> Value)[] Kinds =
    [
        ("number", () => JsonValue.Create(5)),
        ("true", () => JsonValue.Create(true)),
        ("array", () => new JsonArray()),
        ("array-of-null", () => new JsonArray((JsonNode?)null)),
        ("object", () => new JsonObject()),
        ("null", () => null),
        ("huge-string", () => JsonValue.Create(new string('x', 100_000))),
        ("control-chars", () => JsonValue.Create("a\r\nb\u0000c\u001b[31m")),
    ];

    /// <summary>(case name, body bytes, content type, chunked).</summary>
    private static IEnumerable<(string Case, byte[] Body, string ContentType)> Cases(string serviceUrl)
    {
        // Replies that are not returned in the response go to a channel stand-in that accepts them.
        JsonObject Msg(string text, string userId = "emulator-user", string conversationId = "emu-conv-1", Action<JsonObject>? change = null) =>
            AbuseApp.EmulatorMessage(text, userId, conversationId, a =>
            {
                a["serviceUrl"] = serviceUrl;
                change?.Invoke(a);
            });

        var n = 0;
        foreach (var field in Fields)
        {
            foreach (var (kind, value) in Kinds)
            {
                var activity = Msg("hello", $"hostile-{n++}");
                Set(activity, field, value());
                yield return ($"message.{field} = {kind}", Encoding.UTF8.GetBytes(activity.ToJsonString()), "application/json");
            }
        }

        JsonObject Update(string type, Action<JsonObject> change)
        {
            var a = Msg("", $"hostile-{n++}", change: x =>
            {
                x["type"] = type;
                x.Remove("text");
            });
            change(a);
            return a;
        }
        var specials = new (string, JsonObject)[]
        {
            ("entities: [null]", Msg("hello", $"hostile-{n++}", change: a => a["entities"] = new JsonArray(null, new JsonObject { ["type"] = "clientInfo" }))),
            ("mention with numeric mentioned.id", Msg("<at>TrustBot</at> hi", $"hostile-{n++}", change: a => a["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = 42 }, ["text"] = "<at>TrustBot</at>" }))),
            ("mention with mentioned as a string", Msg("hi", $"hostile-{n++}", change: a => a["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["mentioned"] = "bot" }))),
            ("mention with mentioned.id an object", Msg("hi", $"hostile-{n++}", change: a => a["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = new JsonObject() } }))),
            ("clientInfo timezone a number", Msg("hi", $"hostile-{n++}", change: a => a["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["timezone"] = 3, ["country"] = new JsonArray() }))),
            ("conversationUpdate membersAdded [null]", Update("conversationUpdate", a => a["membersAdded"] = new JsonArray((JsonNode?)null))),
            ("conversationUpdate membersAdded [null, user]", Update("conversationUpdate", a => a["membersAdded"] = new JsonArray(null, new JsonObject { ["id"] = "x" }))),
            ("conversationUpdate member without id", Update("conversationUpdate", a => a["membersAdded"] = new JsonArray(new JsonObject()))),
            ("conversationUpdate without from", Update("conversationUpdate", a => { a.Remove("from"); a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "x" }); })),
            ("conversationUpdate without recipient", Update("conversationUpdate", a => { a.Remove("recipient"); a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "x" }); })),
            ("installationUpdate add without from", Update("installationUpdate", a => { a.Remove("from"); a["action"] = "add"; })),
            ("installationUpdate add with from.id null", Update("installationUpdate", a => { a["from"] = new JsonObject { ["id"] = null }; a["action"] = "add"; })),
            ("installationUpdate add", Update("installationUpdate", a => a["action"] = "add")),
            ("invoke without name", Update("invoke", a => a["value"] = new JsonObject())),
            ("invoke adaptiveCard/action with odd value", Update("invoke", a => { a["name"] = "adaptiveCard/action"; a["value"] = new JsonArray(1, 2); })),
            ("event without name", Update("event", _ => { })),
            ("messageReaction with reactionsAdded [null]", Update("messageReaction", a => a["reactionsAdded"] = new JsonArray((JsonNode?)null))),
            ("endOfConversation", Update("endOfConversation", _ => { })),
            ("typing", Update("typing", _ => { })),
            ("unknown type with newline", Update("message\r\nforged", _ => { })),
            ("message with suggestedActions.actions [null]", Msg("hi", $"hostile-{n++}", change: a => a["suggestedActions"] = new JsonObject { ["actions"] = new JsonArray((JsonNode?)null) })),
            ("message with attachments [null]", Msg("hi", $"hostile-{n++}", change: a => a["attachments"] = new JsonArray((JsonNode?)null))),
            ("message with a postBack value object and no text", Msg("", $"hostile-{n++}", change: a => { a.Remove("text"); a["value"] = new JsonObject { ["action"] = new JsonArray() }; })),
            ("message with value a deep array", Msg("", $"hostile-{n++}", change: a => a["value"] = Deep(60))),
            ("message with channelData a deep array", Msg("hi", $"hostile-{n++}", change: a => a["channelData"] = Deep(60))),
            ("message with a forged callerId", Msg("hi", $"hostile-{n++}", change: a => a["callerId"] = "urn:botframework:azure")),
            ("message from the bot's own id", Msg("hi", "bot")),
            ("message with a 1,000-character from.id", Msg("hi", new string('u', 1000))),
            ("message with from.id of control characters", Msg("hi", "\u0001\u0002/\\..")),
            ("message with a conversation id of '/'", Msg("hi", $"hostile-{n++}", "/")),
            ("message with a lone surrogate escape", Msg("\ud800", $"hostile-{n++}")),
            ("message with emoji only", Msg("🙂🙂🙂", $"hostile-{n++}")),
            ("message with RTL override", Msg("\u202Eyes", $"hostile-{n++}")),
        };
        foreach (var (name, activity) in specials) yield return (name, Encoding.UTF8.GetBytes(activity.ToJsonString()), "application/json");

        var text = Msg("hello", $"hostile-{n++}").ToJsonString();
        yield return ("invalid UTF-8 bytes in a string", [.. Encoding.UTF8.GetBytes(text[..^2]), (byte)'"', (byte)',', (byte)'"', (byte)'z', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}'], "application/json");
        yield return ("JSON nested 200 deep", Encoding.UTF8.GetBytes(text[..^1] + ",\"value\":" + new string('[', 200) + new string(']', 200) + "}"), "application/json");
        yield return ("empty body", [], "application/json");
        yield return ("null", "null"u8.ToArray(), "application/json");
        yield return ("a JSON array", "[1,2,3]"u8.ToArray(), "application/json");
        yield return ("a JSON string", "\"message\""u8.ToArray(), "application/json");
        yield return ("truncated JSON", Encoding.UTF8.GetBytes(text[..(text.Length / 2)]), "application/json");
        yield return ("duplicate type keys", Encoding.UTF8.GetBytes("{\"type\":\"message\",\"type\":5}"), "application/json");
        yield return ("JSON with comments", Encoding.UTF8.GetBytes("/* hi */" + text), "application/json");
        yield return ("a UTF-8 BOM", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)], "application/json");
        yield return ("charset utf-16 declared", Encoding.UTF8.GetBytes(text), "application/json; charset=utf-16");
        yield return ("application/activity+json", Encoding.UTF8.GetBytes(text), "application/activity+json");
        yield return ("text/plain", Encoding.UTF8.GetBytes(text), "text/plain");
        yield return ("form urlencoded", Encoding.UTF8.GetBytes(text), "application/x-www-form-urlencoded");
        yield return ("multipart", Encoding.UTF8.GetBytes(text), "multipart/form-data; boundary=b");
        yield return ("xml", Encoding.UTF8.GetBytes("<activity/>"), "application/xml");
        yield return ("no content type", Encoding.UTF8.GetBytes(text), "");
        yield return ("over the size limit", Encoding.UTF8.GetBytes(text[..^1] + ",\"speak\":\"" + new string('s', 300_000) + "\"}"), "application/json");
    }

    private static JsonNode Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++) node = new JsonArray(node);
        return node;
    }

    /// <summary>Sets a (possibly nested "a.b") field; null removes nothing, it sets JSON null.</summary>
    private static void Set(JsonObject activity, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        if (parts.Length == 1)
        {
            activity[path] = value;
            return;
        }
        if (activity[parts[0]] is not JsonObject parent) activity[parts[0]] = parent = new JsonObject();
        parent[parts[1]] = value;
    }

    private static HttpContent Content(byte[] body, string contentType, bool chunked = false)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        if (contentType.Length > 0) content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>The documented answers; 501 is an invoke nobody handles (its own documented status).</summary>
    private static bool Allowed(HttpStatusCode status, string name) =>
        status is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnsupportedMediaType
        || (status == HttpStatusCode.NotImplemented && name.StartsWith("invoke", StringComparison.Ordinal));

    [Fact]
    public async Task Every_hostile_body_to_api_messages_gets_its_documented_status_and_never_a_failed_turn()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        using var app = new AbuseApp();
        var client = app.ClientFrom(null);
        var table = new List<string>();
        var failures = new List<string>();
        var count = 0;
        foreach (var (name, body, contentType) in Cases(channel.Url))
        {
            count++;
            using var response = await client.PostAsync("/api/messages", Content(body, contentType));
            var answer = await response.Content.ReadAsStringAsync();
            table.Add($"| {name} | {(int)response.StatusCode} |");
            if (!Allowed(response.StatusCode, name) || answer.Contains(Apology)) failures.Add($"{name}: {(int)response.StatusCode} {answer[..Math.Min(200, answer.Length)]}");
        }
        // A body over the limit without Content-Length (chunked) is cut off at the limit, not read whole.
        using (var chunked = await client.PostAsync("/api/messages", Content(Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"" + new string('c', 400_000) + "\"}"), "application/json", chunked: true)))
        {
            count++;
            table.Add($"| chunked body over the limit | {(int)chunked.StatusCode} |");
            if (chunked.StatusCode != HttpStatusCode.RequestEntityTooLarge) failures.Add($"chunked: {(int)chunked.StatusCode}");
        }

        output.WriteLine($"{count} hostile bodies to /api/messages:\n| case | status |\n|---|---|\n{string.Join('\n', table)}");
        Assert.True(count >= 100, $"{count} cases");
        Assert.Empty(failures);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Turn failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_hostile_body_to_the_local_direct_line_gets_its_documented_status_and_never_a_failed_turn()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        using var app = new AbuseApp(new Dictionary<string, string?> { ["RateLimits:PostsPerMinute"] = "100000" });
        var visitor = app.DirectLineFrom(null);
        var (_, id, token, _) = await visitor.StartAsync(await visitor.GetUserTokenAsync());
        var table = new List<string>();
        var failures = new List<string>();
        var count = 0;
        foreach (var (name, body, contentType) in Cases(channel.Url))
        {
            count++;
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{id}/activities") { Content = Content(body, contentType) };
            request.Headers.Authorization = new("Bearer", token);
            using var response = await visitor.Http.SendAsync(request);
            table.Add($"| {name} | {(int)response.StatusCode} |");
            if (!Allowed(response.StatusCode, name)) failures.Add($"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var (history, _) = await visitor.PollAsync(id, token);

        output.WriteLine($"{count} hostile bodies to the local Direct Line:\n| case | status |\n|---|---|\n{string.Join('\n', table)}");
        Assert.True(count >= 100, $"{count} cases");
        Assert.Empty(failures);
        Assert.DoesNotContain(history, a => a["text"]?.GetValue<string>()?.Contains(Apology) == true);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("Turn failed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Null_entries_and_wrong_kinds_from_the_issue_get_400_or_a_normal_answer_never_the_apology()
    {
        using var app = new AbuseApp();
        var client = app.ClientFrom(null);

        using var nullEntities = await AbuseApp.PostMessagesAsync(client, AbuseApp.EmulatorMessage("hello", "n1", change: a => a["entities"] = new JsonArray((JsonNode?)null)).ToJsonString());
        using var nullMembers = await AbuseApp.PostMessagesAsync(client, AbuseApp.EmulatorMessage("", "n2", change: a => { a["type"] = "conversationUpdate"; a["membersAdded"] = new JsonArray(null, new JsonObject { ["id"] = "n2" }); }).ToJsonString());
        using var numericMention = await AbuseApp.PostMessagesAsync(client, AbuseApp.EmulatorMessage("hi", "n3", change: a => a["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["mentioned"] = new JsonObject { ["id"] = 7 } })).ToJsonString());
        using var installWithoutFrom = await AbuseApp.PostMessagesAsync(client, AbuseApp.EmulatorMessage("", change: a => { a["type"] = "installationUpdate"; a["action"] = "add"; a.Remove("from"); }).ToJsonString());

        Assert.Contains("Would you like to begin?", await AbuseApp.ReplyTextsAsync(nullEntities));
        Assert.Contains("Would you like to begin?", await AbuseApp.ReplyTextsAsync(nullMembers));
        Assert.Equal(HttpStatusCode.BadRequest, numericMention.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, installWithoutFrom.StatusCode);
    }

    [Fact]
    public async Task A_rejected_requests_type_and_channel_cannot_forge_or_flood_log_lines()
    {
        using var app = new AbuseApp();
        var forged = AbuseApp.EmulatorMessage("hello", change: a =>
        {
            a["type"] = "message\r\nInformation TrustBot: admin signed in";
            a["channelId"] = "emulator\nWarning forged" + new string('c', 200_000);
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(forged.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer not-a-token");

        using var response = await app.ClientFrom(null).SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var lines = app.Logs.Lines.Where(l => l.Contains("Rejected", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(l.Length < 1000, $"a log line of {l.Length} characters"));
        Assert.DoesNotContain(lines, l => l.Contains('\n') || l.Contains('\r'));
    }

    [Fact]
    public async Task An_exception_inside_a_turn_logs_its_type_but_never_the_persons_words()
    {
        using var app = new AbuseApp(services: s => s.AddSingleton<IBot, ParsesTextAsNumber>());

        using var response = await AbuseApp.PostMessagesAsync(app.ClientFrom(null), AbuseApp.EmulatorMessage("my partner read my diary").ToJsonString());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failure = Assert.Single(app.Logs.Lines, l => l.Contains("Turn failed", StringComparison.Ordinal));
        Assert.Contains("System.FormatException", failure);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("diary", StringComparison.Ordinal));
    }

    /// <summary>A bot with a bug that .NET reports with the input in the exception message.</summary>
    private sealed class ParsesTextAsNumber : IBot
    {
        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
            turnContext.SendActivityAsync(int.Parse(turnContext.Activity.Text!, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
    }
}
