using System.Net;
using System.Text.Json.Nodes;
using TrustBot.Bot.Teams;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.Tests.Connector;
using TrustBot.Tests.DirectLine;
using TrustBot.Tests.Http;
using TrustBot.Tests.Integration;

namespace TrustBot.Tests.Teams;

/// <summary>The Teams export over the bot's real HTTP edge: the consent invoke comes in, the upload and the file card go out to a loopback server.</summary>
public sealed class FileConsentOverHttpTests
{
    [Fact]
    public async Task The_consent_invoke_uploads_the_export_with_its_range_and_posts_the_file_card_to_the_conversation()
    {
        await using var teams = await FakeChannelServer.StartAsync();
        using var app = new DirectLineApp();
        using var client = app.CreateClient();
        var person = new Person("29:robin", "a:personal-robin", Channels.Msteams);
        await person.OnboardAsync(client);

        var (_, replies) = await person.SendAsync(client, "export my data");
        var consent = replies.SelectMany(r => r.Attachments ?? []).Single(a => a.ContentType == ExportInTeams.ConsentCardType);
        Assert.DoesNotContain(replies.SelectMany(r => r.Attachments ?? []), a => a.ContentUrl?.StartsWith("data:", StringComparison.Ordinal) == true);
        var size = consent.Content!["sizeInBytes"]!.GetValue<int>();

        var invoke = person.Message("");
        invoke.Type = ActivityTypes.Invoke;
        invoke.Text = null;
        invoke.DeliveryMode = null;
        invoke.ServiceUrl = teams.Url + "/";
        invoke.Name = ExportInTeams.InvokeName;
        invoke.Value = new JsonObject
        {
            ["type"] = "fileUpload",
            ["action"] = "accept",
            ["context"] = consent.Content["acceptContext"]!.DeepClone(),
            ["uploadInfo"] = new JsonObject
            {
                ["contentUrl"] = teams.Url + "/personal/robin/Documents/trustbot-data.json",
                ["name"] = consent.Name,
                ["uploadUrl"] = teams.Url + "/personal/robin/uploadSession/1",
                ["fileType"] = "json",
                ["uniqueId"] = "F1LE-1D",
            },
        };
        using var response = await Activities.PostAsync(client, invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upload = Assert.Single(teams.Requests, r => r.Method == "PUT");
        Assert.Equal("/personal/robin/uploadSession/1", upload.Path);
        Assert.Null(upload.Authorization); // the bot's token never goes to the upload URL
        Assert.Equal("Sam", JsonNode.Parse(upload.Body)!["profile"]!["name"]!.GetValue<string>());
        Assert.InRange(upload.Body.Length, size - 200, size + 200); // built again on accept, a few timestamps apart
        var fileCard = Assert.Single(teams.Requests, r => r.Method == "POST" && r.Path.Contains("/v3/conversations/", StringComparison.Ordinal));
        Assert.Contains(ExportInTeams.FileInfoCardType, fileCard.Body);
        Assert.Contains("F1LE-1D", fileCard.Body);
    }

    [Theory]
    [InlineData("https://contoso-my.sharepoint.com/personal/robin/_api/v2.0/drive/items/1/uploadSession", false, true)]
    [InlineData("https://contoso.sharepoint.us/upload", false, true)]
    [InlineData("http://contoso-my.sharepoint.com/upload", false, false)]
    [InlineData("https://sharepoint.com.attacker.example/upload", false, false)]
    [InlineData("https://attacker.example/contoso.sharepoint.com", false, false)]
    [InlineData("http://127.0.0.1:5123/upload", false, false)]
    [InlineData("http://127.0.0.1:5123/upload", true, true)]
    [InlineData("not a url", true, false)]
    [InlineData("http://10.0.0.5:5123/upload", true, false)]
    public void Uploads_go_only_to_onedrive_hosts_or_in_local_mode_to_this_machine(string url, bool localMode, bool allowed) =>
        Assert.Equal(allowed, TeamsFileUploader.IsAllowed(url, localMode));
}
