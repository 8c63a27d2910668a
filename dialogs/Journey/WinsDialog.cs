using System.Globalization;
using System.Text;
using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>What the small wins flow collects.</summary>
internal sealed class WinsData
{
    /// <summary>The win logged, or null when none was.</summary>
    public string? Win { get; set; }
}

/// <summary>
/// Small wins (the <c>wins</c> command and the menu's "Small wins"): shows the recent wins, logs a new one
/// and celebrates it (a non-answer such as "there arent any" is not logged), or removes one.
/// </summary>
internal sealed class WinsDialog : ComponentDialog
{
    private const string ChoicePromptId = "wins.choice";
    private const string WinPromptId = "wins.text";
    private const string RemovePromptId = "wins.remove";

    /// <summary>How many recent wins are shown.</summary>
    public const int RecentCount = 5;

    /// <summary>The longest win text.</summary>
    public const int MaxWinLength = 500;

    /// <summary>Creates the small wins flow.</summary>
    public WinsDialog() : base(nameof(WinsDialog))
    {
        AddDialog(new WaterfallDialog<WinsData>("wins", JourneyJson.Default.WinsData,
        [
            ShowRecentWinsStepAsync,
            AskWinStepAsync,
            CelebrateWinStepAsync,
        ]));
        AddDialog(new ChoicePrompt(ChoicePromptId));
        AddDialog(new ChoicePrompt(RemovePromptId));
        AddDialog(new TextPrompt(WinPromptId, NonAnswers.KeepQuestionOpen(NonAnswers.WinsAsync, answerQuestions: true)));
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
        List<Choice> choices =
        [
            new Choice { Value = "log", Title = "Log a win", Synonyms = ["yes", "log", "add", "new win", "add a win"] },
            new Choice { Value = "done", Title = "Not now", Synonyms = ["no", "not now", "that's all", "back"] },
        ];
        if (wins.Count > 0) choices.Add(new Choice { Value = "remove", Title = "Remove a win", Synonyms = ["remove", "delete", "remove one", "delete a win", "remove a win"] });
        return await step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Would you like to log a new win?"),
            RetryPrompt = Activity.CreateMessage(wins.Count > 0
                ? "Choose \"Log a win\" to add one, \"Remove a win\" to take one off the list, or \"Not now\"."
                : "Choose \"Log a win\" to add one, or \"Not now\"."),
            Choices = choices,
            MaxRetries = 2,
        }, ct);
    }

    private static async Task<DialogTurnResult> AskWinStepAsync(WaterfallStepContext<WinsData> step, CancellationToken ct)
    {
        switch ((step.Result as FoundChoice)?.Value)
        {
            case "log":
                return await step.PromptAsync(WinPromptId, WinPrompt("What's the win? However small, it counts."), ct);
            case "remove":
                var journey = step.Context.Journey();
                var wins = await journey.Records.LatestAsync(RecordKinds.Win, RecentCount, JourneyJson.Default.WinRecord, ct);
                return await step.PromptAsync(RemovePromptId, new PromptOptions
                {
                    Prompt = Activity.CreateMessage("Which win should I remove?"),
                    RetryPrompt = Activity.CreateMessage("Choose the win to remove by its number, or type cancel to keep them all."),
                    Choices = wins.Select((w, i) => new Choice { Value = w.Row, Title = Shorten(w.Record.Text), Synonyms = [(i + 1).ToString(CultureInfo.InvariantCulture)] }).ToList(),
                    Style = ListStyle.List,
                    MaxRetries = 1,
                }, ct);
            default:
                return await step.EndDialogAsync(ct);
        }
    }

    private static async Task<DialogTurnResult> CelebrateWinStepAsync(WaterfallStepContext<WinsData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        switch (step.Result)
        {
            case string text when NonAnswers.Classify(text) is var kind and not NonAnswerKind.None:
                await step.SendAsync(NonAnswers.Reply(kind) + " Wins often show up when you least expect them; come back and add one any time.", ct);
                break;
            case string win:
                step.Data.Win = win;
                await step.SendAsync(LogWin(journey, win), ct);
                break;
            case FoundChoice { Value: var row }:
                await RemoveWinAsync(journey, row, ct);
                await step.SendAsync("Removed. It's no longer in your small wins.", ct);
                break;
        }
        return await step.EndDialogAsync(ct);
    }

    /// <summary>Removes a win and keeps the profile's count and latest win in step with the records.</summary>
    private static async Task RemoveWinAsync(JourneySession journey, string row, CancellationToken ct)
    {
        journey.Records.Remove(row);
        var profile = journey.Profile;
        profile.WinCount = Math.Max(0, profile.WinCount - 1);
        // Two rows: the store still returns the one being removed this turn, which the records then leave out.
        var latest = (await journey.Records.LatestAsync(RecordKinds.Win, 2, JourneyJson.Default.WinRecord, ct)).FirstOrDefault();
        profile.LastWin = latest is null ? null : latest.Record.Text.Length <= 200 ? latest.Record.Text : latest.Record.Text[..199] + "…";
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
