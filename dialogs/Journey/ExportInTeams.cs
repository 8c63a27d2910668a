using System.Globalization;
using System.Text.Json.Nodes;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>Puts a file's bytes at an upload URL a channel handed out (Teams: the person's OneDrive). The host does the I/O.</summary>
internal interface IFileUploader
{
    /// <summary>Uploads <paramref name="content"/>; throws <see cref="FileUploadException"/> when the upload is refused or fails.</summary>
    Task UploadAsync(string uploadUrl, byte[] content, CancellationToken cancellationToken);
}

/// <summary>The file could not be uploaded (refused URL, error status, timeout).</summary>
internal sealed class FileUploadException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// "Export my data" in a Teams personal chat. Teams drops a data: URI attachment, so the bot asks with a file
/// consent card; when the person allows it, Teams invokes the bot with an upload URL in their OneDrive, the bot
/// uploads the JSON there and shows a file card. Other channels keep the JSON attachment.
/// </summary>
internal static class ExportInTeams
{
    public const string ConsentCardType = "application/vnd.microsoft.teams.card.file.consent";
    public const string FileInfoCardType = "application/vnd.microsoft.teams.card.file.info";
    public const string InvokeName = "fileConsent/invoke";

    public const string AskText = "Here is everything I have stored about you, as a JSON file. Allow me to put it in your OneDrive, and keep it somewhere private.";
    public const string DoneText = "Done: your file is in your OneDrive. Keep it somewhere private.";
    public const string DeclinedText = "No problem, I haven't sent anything. Say \"export my data\" whenever you want the file.";
    public const string NothingStoredText = "I don't have anything stored about you, so there is no file to send.";
    public const string FailedText = "I couldn't put the file in your OneDrive just now. Please say \"export my data\" to try again in a little while.";

    /// <summary>True where the consent card is the way to hand over a file: Teams, personal chat.</summary>
    public static bool Applies(Activity activity) => activity.ChannelId == Channels.Msteams && !activity.IsGroupConversation;

    /// <summary>The question: a file consent card naming the file and its size; the export itself is built again on accept.</summary>
    public static Activity ConsentRequest(string fileName, int sizeInBytes)
    {
        var context = new JsonObject { ["export"] = "journey" };
        return new Activity
        {
            Type = ActivityTypes.Message,
            Text = AskText,
            Attachments =
            [
                new Attachment
                {
                    ContentType = ConsentCardType,
                    Name = fileName,
                    Content = new JsonObject
                    {
                        ["description"] = "Everything TrustBot stores about you",
                        ["sizeInBytes"] = sizeInBytes,
                        ["acceptContext"] = context.DeepClone(),
                        ["declineContext"] = context,
                    },
                },
            ],
        };
    }

    /// <summary>
    /// The person's answer to the consent card. On accept: the export goes to the upload URL Teams gave, then a file card;
    /// on decline: a short reassurance. The invoke is always answered 200 so Teams doesn't show an error.
    /// </summary>
    public static async Task AnswerAsync(ITurnContext turn, Func<CancellationToken, Task<(string FileName, byte[] Content)>> export, CancellationToken cancellationToken)
    {
        var value = turn.Activity.Value as JsonObject;
        var action = value?["action"]?.GetValue<string>();
        var upload = value?["uploadInfo"] as JsonObject;
        if (action == "accept" && upload?["uploadUrl"]?.GetValue<string>() is { Length: > 0 } uploadUrl && turn.Services.Get<IFileUploader>() is { } uploader)
        {
            var (_, content) = await export(cancellationToken);
            try
            {
                await uploader.UploadAsync(uploadUrl, content, cancellationToken);
                await turn.SendActivityAsync(FileCard(upload), cancellationToken);
            }
            catch (FileUploadException)
            {
                await turn.SendActivityAsync(FailedText, cancellationToken);
            }
        }
        else if (action == "decline")
        {
            await turn.SendActivityAsync(DeclinedText, cancellationToken);
        }
        else
        {
            await turn.SendActivityAsync(FailedText, cancellationToken);
        }
        await turn.SendActivityAsync(new Activity { Type = ActivityTypes.InvokeResponse, Value = new JsonObject { ["status"] = 200 } }, cancellationToken);
    }

    /// <summary>Answers a consent card when nothing is stored about the person any more.</summary>
    public static async Task AnswerNothingStoredAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        await turn.SendActivityAsync(NothingStoredText, cancellationToken);
        await turn.SendActivityAsync(new Activity { Type = ActivityTypes.InvokeResponse, Value = new JsonObject { ["status"] = 200 } }, cancellationToken);
    }

    /// <summary>The uploaded file, shown as Teams shows files: a file info card pointing at it.</summary>
    private static Activity FileCard(JsonObject upload) => new()
    {
        Type = ActivityTypes.Message,
        Text = DoneText,
        Attachments =
        [
            new Attachment
            {
                ContentType = FileInfoCardType,
                ContentUrl = upload["contentUrl"]?.GetValue<string>(),
                Name = upload["name"]?.GetValue<string>(),
                Content = new JsonObject
                {
                    ["uniqueId"] = upload["uniqueId"]?.GetValue<string>(),
                    ["fileType"] = upload["fileType"]?.GetValue<string>() ?? "json",
                },
            },
        ],
    };

    /// <summary>The export's file name for a day.</summary>
    public static string FileName(DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture, $"trustbot-data-{now:yyyy-MM-dd}.json");
}
