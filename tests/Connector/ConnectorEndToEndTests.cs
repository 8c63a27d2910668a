using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace TrustBot.Tests.Connector;

public sealed class ConnectorEndToEndTests
{
    [Fact]
    public async Task Message_posted_to_api_messages_gets_its_reply_on_the_connector_reply_route()
    {
        await using var channel = await FakeChannelServer.StartAsync();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.ConfigureAppConfiguration((_, config) =>
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["MicrosoftAppId"] = "",
                ["MicrosoftAppPassword"] = "",
                ["Storage:Provider"] = "Memory",
                ["Proactive:Enabled"] = "false",
            })));
        using var http = factory.CreateClient();
        var inbound = new JsonObject
        {
            ["type"] = "message",
            ["id"] = "in:1",
            ["channelId"] = "emulator",
            ["serviceUrl"] = channel.Url + "/",
            ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "Sam" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "TrustBot" },
            ["conversation"] = new JsonObject { ["id"] = "a:1@x;y" },
            ["text"] = "hi",
        };

        using var response = await http.PostAsync("/api/messages", new StringContent(inbound.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(channel.ConnectorRequests);
        var reply = channel.ConnectorRequests[0];
        Assert.Equal("POST", reply.Method);
        Assert.Equal("/v3/conversations/a%3A1%40x%3By/activities/in%3A1", reply.RawTarget);
        Assert.Null(reply.Authorization);
        Assert.Empty(channel.TokenRequests);
        var body = JsonNode.Parse(reply.Body)!;
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("in:1", (string?)body["replyToId"]);
        Assert.Equal("user-1", (string?)body["recipient"]!["id"]);
        Assert.Equal("bot-1", (string?)body["from"]!["id"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)body["text"]));
    }
}
