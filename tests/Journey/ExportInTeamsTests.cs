using System.Text;
using System.Text.Json.Nodes;
using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Tests.Journey;

/// <summary>"Export my data" in a Teams personal chat goes through Teams' file consent card and the person's OneDrive.</summary>
public sealed class ExportInTeamsTests
{
    /// <summary>Keeps what would have gone to OneDrive; fails when told to.</summary>
    private sealed class OneDriveStandIn : IFileUploader, IMiddleware
    {
        public List<(string Url, string Content)> Uploads { get; } = [];

        public bool Fail { get; set; }

        public Task UploadAsync(string uploadUrl, byte[] content, CancellationToken cancellationToken)
        {
            if (Fail) throw new FileUploadException("scripted failure");
            Uploads.Add((uploadUrl, Encoding.UTF8.GetString(content)));
            return Task.CompletedTask;
        }

        public Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
        {
            turnContext.Services.Set<IFileUploader>(this);
            return next(cancellationToken);
        }
    }

    private static (JourneyHarness Harness, OneDriveStandIn OneDrive) Teams()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        var oneDrive = new OneDriveStandIn();
        h.Adapter.Use(oneDrive);
        return (h, oneDrive);
    }

    /// <summary>What Teams sends when the person clicks Allow or Decline on the consent card.</summary>
    private static Activity ConsentAnswer(string action) => new()
    {
        Type = ActivityTypes.Invoke,
        Name = ExportInTeams.InvokeName,
        Value = new JsonObject
        {
            ["type"] = "fileUpload",
            ["action"] = action,
            ["context"] = new JsonObject { ["export"] = "journey" },
            ["uploadInfo"] = action == "accept"
                ? new JsonObject
                {
                    ["contentUrl"] = "https://contoso-my.sharepoint.com/personal/sam/Documents/Applications/TrustBot/trustbot-data-2026-11-02.json",
                    ["name"] = "trustbot-data-2026-11-02.json",
                    ["uploadUrl"] = "https://contoso-my.sharepoint.com/personal/sam/_api/v2.0/drive/items/01ABC/uploadSession?guid=1",
                    ["fileType"] = "json",
                    ["uniqueId"] = "1150D938-8870-4044-9F2C-5BBDEBA70C9D",
                }
                : null,
        },
    };

    private static int InvokeStatus(JourneyHarness h) =>
        h.Adapter.Sent.Last(a => a.Type == ActivityTypes.InvokeResponse).Value!["status"]!.GetValue<int>();

    [Fact]
    public async Task Export_in_a_teams_personal_chat_asks_with_a_file_consent_card_naming_the_file_and_its_size()
    {
        var (h, oneDrive) = Teams();
        await h.Onboarded().Send("export my data").AssertReply(a =>
            a.Text == ExportInTeams.AskText
            && a.Attachments is [{ ContentType: ExportInTeams.ConsentCardType, Name: "trustbot-data-2026-11-02.json", ContentUrl: null } card]
            && card.Content!["sizeInBytes"]!.GetValue<int>() > 100
            && card.Content["acceptContext"] is JsonObject, "a file consent card for the export").StartTestAsync();
        Assert.Empty(oneDrive.Uploads);
    }

    [Fact]
    public async Task Allowing_the_upload_puts_the_whole_export_in_onedrive_and_shows_the_file()
    {
        var (h, oneDrive) = Teams();
        await h.Onboarded().Send("export my data").SkipReplies()
            .Send(ConsentAnswer("accept"))
            .AssertReply(a => a.Text == ExportInTeams.DoneText
                && a.Attachments is [{ ContentType: ExportInTeams.FileInfoCardType, Name: "trustbot-data-2026-11-02.json" } file]
                && file.ContentUrl!.StartsWith("https://contoso-my.sharepoint.com/personal/sam/", StringComparison.Ordinal)
                && file.Content!["uniqueId"]!.GetValue<string>() == "1150D938-8870-4044-9F2C-5BBDEBA70C9D", "the file info card")
            .AssertNoReply()
            .StartTestAsync();

        var (url, content) = Assert.Single(oneDrive.Uploads);
        Assert.EndsWith("uploadSession?guid=1", url);
        var export = JsonNode.Parse(content)!;
        Assert.Equal("Sam", export["profile"]!["name"]!.GetValue<string>());
        Assert.Equal(200, InvokeStatus(h));
    }

    [Fact]
    public async Task Declining_sends_nothing_and_says_how_to_ask_again()
    {
        var (h, oneDrive) = Teams();
        await h.Onboarded().Send("export my data").SkipReplies()
            .Send(ConsentAnswer("decline")).AssertReply(ExportInTeams.DeclinedText).AssertNoReply()
            .StartTestAsync();
        Assert.Empty(oneDrive.Uploads);
        Assert.Equal(200, InvokeStatus(h));
    }

    [Fact]
    public async Task A_failed_upload_is_explained_and_the_invoke_still_answered()
    {
        var (h, oneDrive) = Teams();
        oneDrive.Fail = true;
        await h.Onboarded().Send("export my data").SkipReplies()
            .Send(ConsentAnswer("accept")).AssertReply(ExportInTeams.FailedText).AssertNoReply()
            .StartTestAsync();
        Assert.Equal(200, InvokeStatus(h));
    }

    [Fact]
    public async Task An_old_consent_card_after_delete_my_data_uploads_nothing()
    {
        var (h, oneDrive) = Teams();
        await h.Onboarded().Send("export my data").SkipReplies()
            .Send("delete my data").SkipReplies().Send("yes, delete everything").SkipReplies()
            .Send(ConsentAnswer("accept")).AssertReply(ExportInTeams.NothingStoredText)
            .StartTestAsync();
        Assert.Empty(oneDrive.Uploads);
        Assert.Null(await h.ProfileAsync());
    }

    [Fact]
    public async Task Web_chat_keeps_the_json_file_attachment()
    {
        var h = new JourneyHarness(channelId: Channels.Webchat);
        await h.Onboarded().Send("export my data").AssertReply(a =>
            a.Attachments is [{ ContentType: AttachmentContentTypes.Json } file] && file.ContentUrl!.StartsWith("data:application/json;base64,", StringComparison.Ordinal),
            "the JSON file attachment").StartTestAsync();
    }
}
