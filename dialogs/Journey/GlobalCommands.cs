using System.Text.RegularExpressions;
using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>The commands that work at any point after consent.</summary>
internal enum GlobalCommand
{
    None,
    Help,
    Menu,
    Cancel,
    CheckIn,
    Progress,
    Wins,
    Boundaries,
    Reminders,
    PauseReminders,
    ResumeReminders,
    Stop,
    Start,
    StartOver,
    ExportData,
    DeleteData,
    ContinueJourney,
    Steps,
    Settings,
}

/// <summary>Recognises global commands: case-insensitive, surrounding punctuation ignored, the bot's Teams @mention removed first.</summary>
internal static partial class GlobalCommands
{
    private static readonly Dictionary<string, GlobalCommand> Phrases = new(StringComparer.Ordinal)
    {
        ["help"] = GlobalCommand.Help, ["?"] = GlobalCommand.Help, ["what can you do"] = GlobalCommand.Help,
        ["menu"] = GlobalCommand.Menu, ["main menu"] = GlobalCommand.Menu, ["show menu"] = GlobalCommand.Menu,
        ["cancel"] = GlobalCommand.Cancel, ["quit"] = GlobalCommand.Cancel, ["exit"] = GlobalCommand.Cancel, ["never mind"] = GlobalCommand.Cancel, ["nevermind"] = GlobalCommand.Cancel,
        ["check in"] = GlobalCommand.CheckIn, ["check-in"] = GlobalCommand.CheckIn, ["checkin"] = GlobalCommand.CheckIn,
        ["progress"] = GlobalCommand.Progress, ["my progress"] = GlobalCommand.Progress,
        ["wins"] = GlobalCommand.Wins, ["small wins"] = GlobalCommand.Wins, ["my wins"] = GlobalCommand.Wins,
        ["boundaries"] = GlobalCommand.Boundaries, ["my boundaries"] = GlobalCommand.Boundaries,
        ["reminders"] = GlobalCommand.Reminders, ["change reminders"] = GlobalCommand.Reminders,
        ["pause reminders"] = GlobalCommand.PauseReminders, ["resume reminders"] = GlobalCommand.ResumeReminders,
        ["stop"] = GlobalCommand.Stop, ["start"] = GlobalCommand.Start,
        ["start over"] = GlobalCommand.StartOver, ["restart"] = GlobalCommand.StartOver,
        ["export my data"] = GlobalCommand.ExportData, ["export data"] = GlobalCommand.ExportData,
        ["delete my data"] = GlobalCommand.DeleteData, ["delete data"] = GlobalCommand.DeleteData, ["erase my data"] = GlobalCommand.DeleteData,
        ["continue my journey"] = GlobalCommand.ContinueJourney, ["continue"] = GlobalCommand.ContinueJourney, ["next step"] = GlobalCommand.ContinueJourney,
        ["steps"] = GlobalCommand.Steps, ["all steps"] = GlobalCommand.Steps, ["the steps"] = GlobalCommand.Steps,
        ["settings"] = GlobalCommand.Settings, ["my settings"] = GlobalCommand.Settings, ["change settings"] = GlobalCommand.Settings,
        ["change my name"] = GlobalCommand.Settings, ["change name"] = GlobalCommand.Settings, ["my profile"] = GlobalCommand.Settings,
        ["edit my profile"] = GlobalCommand.Settings, ["change my answers"] = GlobalCommand.Settings, ["change my details"] = GlobalCommand.Settings,
        ["change my role"] = GlobalCommand.Settings, ["profile"] = GlobalCommand.Settings,
        ["the menu"] = GlobalCommand.Menu, ["the main menu"] = GlobalCommand.Menu, ["menu options"] = GlobalCommand.Menu, ["options"] = GlobalCommand.Menu,
        ["commands"] = GlobalCommand.Help, ["help me"] = GlobalCommand.Help,
    };

    /// <summary>The same phrases as words (apostrophes and hyphens gone), so "check-in" and "check in" are one key.</summary>
    private static readonly Dictionary<string, GlobalCommand> ByWords =
        Phrases.Where(p => p.Key != "?").GroupBy(p => string.Join(' ', Recognizers.Tokens(p.Key))).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    /// <summary>The command the message is (its button value or card submit first, else its text), or <see cref="GlobalCommand.None"/>.</summary>
    public static GlobalCommand Recognize(Activity activity) => Recognize(PromptInput.Of(activity));

    /// <summary>
    /// The command the text is, or <see cref="GlobalCommand.None"/>: the phrase itself, in any case and punctuation,
    /// or with polite words around it ("menu please", "can you show me my progress"). Any length: a button's title can be long.
    /// </summary>
    public static GlobalCommand Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return GlobalCommand.None;
        // "?" on its own asks for help; normalising would strip it.
        if (text.Trim().All(c => c == '?')) return GlobalCommand.Help;
        var strict = RecognizeStrict(text);
        if (strict != GlobalCommand.None) return strict;
        var polite = ByWords.GetValueOrDefault(Recognizers.WithoutPoliteEdges(text), GlobalCommand.None);
        // "let's start" means the journey, not "turn reminders back on".
        return polite == GlobalCommand.Start ? GlobalCommand.None : polite;
    }

    /// <summary>The command only when the text is the command phrase itself (case, punctuation and apostrophes aside).</summary>
    public static GlobalCommand RecognizeStrict(string? text)
    {
        var t = Recognizers.Normalize(text);
        if (t.Length == 0) return GlobalCommand.None;
        if (Phrases.TryGetValue(t, out var command)) return command;
        var words = string.Join(' ', Recognizers.Tokens(text));
        if (ByWords.TryGetValue(words, out command)) return command;
        // "Continue my journey: Step 3: ..." is how the menu button reads.
        if (words.StartsWith("continue my journey", StringComparison.Ordinal)) return GlobalCommand.ContinueJourney;
        return GlobalCommand.None;
    }

    /// <summary>Removes the bot's own @mention (Teams) from the message text, then trims.</summary>
    public static void RemoveBotMention(Activity activity)
    {
        if (string.IsNullOrEmpty(activity.Text)) return;
        foreach (var mention in activity.EntitiesOfType("mention"))
        {
            var mentioned = mention.GetObject("mentioned");
            var id = mentioned is { } m && m.TryGetProperty("id", out var idProp) ? idProp.GetString() : null;
            if (id is null || id != activity.Recipient?.Id) continue;
            var markup = mention.GetString("text");
            if (!string.IsNullOrEmpty(markup)) activity.Text = activity.Text.Replace(markup, "", StringComparison.OrdinalIgnoreCase);
        }
        var text = activity.Text;
        // Most messages carry no tag: they skip the replacement (and the closure it needs).
        if (text.Contains("<at", StringComparison.OrdinalIgnoreCase))
            text = AtTag().Replace(text, m => m.Value.Contains(activity.Recipient?.Name ?? "\u0000", StringComparison.OrdinalIgnoreCase) ? "" : m.Value);
        activity.Text = text.Trim();
    }

    [GeneratedRegex("<at>[^<]*</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();
}
