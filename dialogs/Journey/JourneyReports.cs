using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TrustBot.Dialogs;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>Draws the trust trend as an image; implemented by the host (the dialogs do no drawing or I/O).</summary>
internal interface ITrendChart
{
    /// <summary>A URL (http or data:) of a PNG chart of the ratings, oldest first; null when no chart can be made.</summary>
    string? Render(IReadOnlyList<(DateTimeOffset At, int Trust)> points);
}

/// <summary>"My progress" and the data export.</summary>
internal sealed class JourneyReports(ITrendChart? chart = null) : IJourneyReports
{
    /// <summary>How many check-ins the trend shows.</summary>
    public const int TrendLength = 14;

    /// <inheritdoc />
    public async Task SendProgressAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var journey = turnContext.Journey();
        var profile = journey.Profile;
        var checkIns = await journey.Records.LatestAsync(RecordKinds.CheckIn, TrendLength, JourneyJson.Default.CheckInRecord, cancellationToken);
        var points = checkIns.Select(c => (c.Record.At, c.Record.Trust)).Reverse().ToList();
        var steps = journey.Steps;
        var stepsDone = steps.DoneCount(profile) == 0
            ? steps.DoneOutOf(profile)
            : $"{steps.DoneOutOf(profile)} ({string.Join(", ", profile.StepsDone.Where(steps.Contains).Select(s => s.ToString(CultureInfo.InvariantCulture)))})";
        var current = steps.NextStep(profile) is { } n ? steps.Label(n) : $"all {steps.CountInWords} steps done";
        var trend = points.Count == 0 ? "no check-ins yet" : Sparkline(points.Select(p => p.Trust)) + $"  (latest {points[^1].Trust}/10)";

        if (!ChoiceRenderer.SupportsCards(turnContext.Activity))
        {
            await turnContext.SendActivityAsync(
                $"Your progress\nSteps done: {stepsDone}; now on {current}\nCheck-ins: {profile.CheckInCount} (streak {profile.Streak})\nSmall wins: {profile.WinCount}\nTrust trend: {trend}\n\n{ProgressSentence(profile, points)}",
                cancellationToken);
            return;
        }

        var image = points.Count >= 2 ? chart?.Render(points) : null;
        var card = Cards.Facts(
            "Your progress",
            ProgressSentence(profile, points),
            [
                ("Steps done", stepsDone),
                ("Now on", current),
                ("Check-ins", $"{profile.CheckInCount} (streak {profile.Streak})"),
                ("Small wins", profile.WinCount.ToString(CultureInfo.InvariantCulture)),
                ("Trust trend", trend),
            ],
            image is null ? null : Cards.Image(image, "Chart of your trust ratings over your recent check-ins"));
        await turnContext.SendActivityAsync(Cards.Message(card), cancellationToken);
    }

    /// <inheritdoc />
    public async Task SendExportAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.IsGroupConversation)
        {
            await turnContext.SendActivityAsync("Your data is private, so I only send it in our personal chat.", cancellationToken);
            return;
        }
        var (fileName, bytes) = await BuildExportAsync(turnContext.Journey(), cancellationToken);
        if (ExportInTeams.Applies(turnContext.Activity))
        {
            await turnContext.SendActivityAsync(ExportInTeams.ConsentRequest(fileName, bytes.Length), cancellationToken);
            return;
        }
        await turnContext.SendActivityAsync(new Activity
        {
            Type = ActivityTypes.Message,
            Text = "Here is everything I have stored about you, as a JSON file. Keep it somewhere private.",
            Attachments =
            [
                new Attachment
                {
                    ContentType = AttachmentContentTypes.Json,
                    Name = fileName,
                    ContentUrl = "data:application/json;base64," + Convert.ToBase64String(bytes),
                },
            ],
        }, cancellationToken);
    }

    /// <summary>Everything stored about the person, as the export file's name and UTF-8 JSON.</summary>
    public static async Task<(string FileName, byte[] Content)> BuildExportAsync(JourneySession journey, CancellationToken cancellationToken)
    {
        var export = await journey.Records.ExportAsync(cancellationToken);
        export["profile"] = JsonSerializer.SerializeToNode(journey.Profile, JourneyJson.Default.JourneyProfile);
        export["exportedAt"] = journey.Now.ToString("O", CultureInfo.InvariantCulture);
        return (ExportInTeams.FileName(journey.Now), Encoding.UTF8.GetBytes(export.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
    }

    /// <summary>A compact text trend, one bar per rating: ▁▂▃▄▅▆▇█.</summary>
    public static string Sparkline(IEnumerable<int> ratings)
    {
        const string bars = "▁▂▃▄▅▆▇█";
        return new string(ratings.Select(r => bars[Math.Clamp((r - 1) * bars.Length / 10, 0, bars.Length - 1)]).ToArray());
    }

    private static string ProgressSentence(JourneyProfile profile, List<(DateTimeOffset At, int Trust)> points)
    {
        if (points.Count < 2) return "Every check-in adds a point to your trend. Small, steady steps count.";
        var change = points[^1].Trust - points[0].Trust;
        return change > 0
            ? string.Create(CultureInfo.InvariantCulture, $"Trust has risen by {change} since {points[0].At:d MMM}. That's worth noticing.")
            : change < 0
                ? "The trend has dipped lately. Setbacks are part of rebuilding trust; what matters is that you keep going."
                : "Things are holding steady. Steady is a kind of progress too.";
    }
}
