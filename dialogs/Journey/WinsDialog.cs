using System.Globalization;
using System.Text;
using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>What the small wins flow collects.</summary>
public sealed class WinsData
{
    /// <summary>The win logged, or null when none was.</summary>
    public string? Win { get; set; }
}

/// <summary>
/// Small wins (the <c>wins</c> command and the menu's "Small wins"): shows the recent wins, logs a new one
/// and celebrates it.
/// </summary>
public sealed class WinsDialog : ComponentDialog
{
    private const string ChoicePromptId = "wins.choice";
    private const string WinPromptId = "wins.text";

    /// <summary>How many recent wins are shown.</summary>
    public const int RecentCount = 5;

    /// <summary>The longest win text.</summary>
    public const int MaxWinLength = 500;

    /// <summary>Creates the small wins flow.</summary>
    public WinsDialog() : base(nameof(WinsDialog))
    {
        AddDialog(new WaterfallDialog<WinsData>("wins", PracticeFlowsJson.Default.WinsData,
        [
            ShowRecentWinsStepAsync,
            AskWinStepAsync,
            CelebrateWinStepAsync,
        ]));
        AddDialog(new ChoicePrompt(ChoicePromptId));
        AddDialog(new TextPrompt(WinPromptId));
    }

    /// <summary>The question that asks for a win, shared with step 7.</summary>
    public static PromptOptions WinPrompt(string question) =>
        PromptOptions.Ask(question, $"A short sentence is perfect (up to {MaxWinLength} characters).").Between(1, MaxWinLength);

    /// <summary>Queues the win as a record and counts it on the profile; returns the celebration to send.</summary>
    public static string LogWin(JourneySession journey, string text)
    {
        var win = text.Trim();
        journey.Records.Add(RecordKinds.Win, new WinRecord { At = journey.Now, Text = win }, JourneyJson.Default.WinRecord);
        var profile = journey.Profile;
        profile.WinCount++;
        profile.LastWin = win.Length <= 200 ? win : win[..199] + "…";
        profile.LastWinAt = journey.Now;
        return Encouragement.CelebrateWin(profile.WinCount);
    }

    /// <summary>The wins as a dated list, newest first.</summary>
    public static string ListWins(IReadOnlyList<Stored<WinRecord>> wins, TimeZoneInfo zone)
    {
        var text = new StringBuilder("Your recent wins:");
        foreach (var (_, win) in wins)
            text.Append("\n- ").Append(TimeZoneInfo.ConvertTime(win.At, zone).ToString("d MMM", CultureInfo.InvariantCulture)).Append(": ").Append(win.Text);
        return text.ToString();
    }

    private static async Task<DialogTurnResult> ShowRecentWinsStepAsync(WaterfallStepContext<WinsData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        var wins = await journey.Records.LatestAsync(RecordKinds.Win, RecentCount, JourneyJson.Default.WinRecord, ct);
        await step.SendAsync(wins.Count == 0
            ? "No wins logged yet. A win can be tiny: a kind word, a calm conversation, a promise kept, a day that felt a little lighter."
            : ListWins(wins, TimeZones.Find(journey.Profile.TimeZone)) + "\n\nEvery one of these is progress. Look how far you've come. 💛", ct);
        return await step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Would you like to log a new win?"),
            RetryPrompt = Activity.CreateMessage("Choose \"Log a win\" or \"Not now\"."),
            Choices =
            [
                new Choice { Value = "log", Title = "Log a win", Synonyms = ["yes", "log", "add", "new win", "add a win"] },
                new Choice { Value = "done", Title = "Not now", Synonyms = ["no", "not now", "that's all", "back"] },
            ],
            MaxRetries = 2,
        }, ct);
    }

    private static Task<DialogTurnResult> AskWinStepAsync(WaterfallStepContext<WinsData> step, CancellationToken ct) =>
        step.Result is FoundChoice { Value: "log" }
            ? step.PromptAsync(WinPromptId, WinPrompt("What's the win? However small, it counts."), ct)
            : step.EndDialogAsync(ct);

    private static async Task<DialogTurnResult> CelebrateWinStepAsync(WaterfallStepContext<WinsData> step, CancellationToken ct)
    {
        if (step.Result is string win)
        {
            step.Data.Win = win;
            await step.SendAsync(LogWin(step.Context.Journey(), win), ct);
        }
        return await step.EndDialogAsync(ct);
    }
}
