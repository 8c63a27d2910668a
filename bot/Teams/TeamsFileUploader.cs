using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Channel;
using TrustBot.Bot.Hosting;
using TrustBot.Journey;
using TrustBot.Turns;

namespace TrustBot.Bot.Teams;

/// <summary>
/// Uploads a data export to the OneDrive upload URL Teams hands out after the person accepts a file consent card:
/// one PUT of the whole file with its Content-Range. Only https SharePoint/OneDrive hosts are accepted, so an
/// invoke cannot make the bot send data elsewhere; in local mode (no app id) a loopback URL is accepted too.
/// </summary>
internal sealed class TeamsFileUploader(IHttpClientFactory httpClients, IOptions<BotIdentityOptions> identity) : IFileUploader
{
    public const string HttpClientName = "TrustBot.FileUpload";

    private static readonly string[] OneDriveHostSuffixes = [".sharepoint.com", ".sharepoint.us", ".sharepoint-mil.us", ".sharepoint.cn"];

    public async Task UploadAsync(string uploadUrl, byte[] content, CancellationToken cancellationToken)
    {
        if (!IsAllowed(uploadUrl, identity.Value.IsLocalMode)) throw new FileUploadException("The upload URL is not a OneDrive address.");
        using var request = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentRange = new ContentRangeHeaderValue(0, Math.Max(0, content.Length - 1), content.Length);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            BotTelemetry.RecordOutbound("file.upload", (int)response.StatusCode);
            if (!response.IsSuccessStatusCode) throw new FileUploadException($"The upload was answered with {(int)response.StatusCode}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            BotTelemetry.RecordOutbound("file.upload", 0);
            throw new FileUploadException("The upload did not complete.", ex);
        }
    }

    internal static bool IsAllowed(string uploadUrl, bool localMode)
    {
        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var uri)) return false;
        if (uri.Scheme == Uri.UriSchemeHttps && OneDriveHostSuffixes.Any(s => uri.Host.EndsWith(s, StringComparison.OrdinalIgnoreCase))) return true;
        return localMode && TrustedServiceUrls.IsLoopback(uploadUrl);
    }
}

/// <summary>Hands the uploader to each turn (the dialogs know only <see cref="IFileUploader"/>).</summary>
internal sealed class FileUploaderMiddleware(IFileUploader uploader) : IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, Func<CancellationToken, Task> next, CancellationToken cancellationToken)
    {
        turnContext.Services.Set(uploader);
        return next(cancellationToken);
    }
}
