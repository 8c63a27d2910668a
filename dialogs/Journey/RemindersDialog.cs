using System.Globalization;
using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>What the reminder settings flow collects.</summary>
internal sealed class SettingsData
{
    public CheckInRhythm Rhythm { get; set; }
    public TimeOnly? ReminderTime { get; set; }
    public string? TimeZone { get; set; }
}

/// <summary>Changes the check-in rhythm, the reminder time and the time zone.</summary>
internal sealed class RemindersDialog : ComponentDialog
{
    private const string RhythmPromptId = "reminders.rhythm";
    private const string TimePromptId = "reminders.time";
    private const string ZonePromptId = "reminders.zone";

    /// <summary>Creates the reminders flow.</summary>
    public RemindersDialog() : base(nameof(RemindersDialog))
    {
        AddDialog(new WaterfallDialog<SettingsData>("reminders", JourneyJson.Default.SettingsData,
        [
            AskRhythmStepAsync,
            AskTimeStepAsync,
            AskZoneStepAsync,
            ConfirmStepAsync,
        ]));
        AddDialog(new ChoicePrompt(RhythmPromptId));
        AddDialog(new TimeOfDayPrompt(TimePromptId));
        AddDialog(new TimeZonePrompt(ZonePromptId));
    }

    /// <summary>The rhythm question, shared with onboarding.</summary>
    public static PromptOptions RhythmPrompt() => new()
    {
        Prompt = Activity.CreateMessage("How often would you like me to check in with you?"),
        RetryPrompt = Activity.CreateMessage("Please pick one: every day, every few days, once a week, or no reminders."),
        Choices =
        [
            new Choice { Value = nameof(CheckInRhythm.Daily), Title = "Every day", Synonyms = ["daily", "each day", "everyday", "every evening", "every night", "every morning", "once a day"] },
            new Choice { Value = nameof(CheckInRhythm.EveryFewDays), Title = "Every few days", Synonyms = ["few days", "every couple of days", "every other day", "twice a week", "a few times a week", "couple of days", "couple days"] },
            new Choice { Value = nameof(CheckInRhythm.Weekly), Title = "Once a week", Synonyms = ["weekly", "every week", "each week", "once weekly"] },
            new Choice { Value = nameof(CheckInRhythm.None), Title = "No reminders", Synonyms = ["none", "never", "no", "no thanks", "dont remind me", "no messages", "ill check in myself"] },
        ],
    };

    /// <summary>The time question, shared with onboarding.</summary>
    public static PromptOptions TimePrompt() =>
        PromptOptions.Ask("What time of day suits you for a check-in? For example 7pm, 19:00 or \"evening\".",
            "I didn't catch a time. Try something like 8am, 19:30, \"morning\" or \"evening\".");

    /// <summary>The time zone question, shared with onboarding.</summary>
    public static PromptOptions ZonePrompt() =>
        PromptOptions.Ask("Which time zone are you in? A city (Berlin), a zone name (Europe/Berlin) or an offset (UTC+2) all work.",
            "I couldn't find that time zone. Try a big city near you, a name like America/New_York, or an offset like UTC-5.");

    /// <summary>The rhythm a choice stands for.</summary>
    public static CheckInRhythm RhythmFrom(object? result) =>
        result is FoundChoice c && Enum.TryParse<CheckInRhythm>(c.Value, out var rhythm) ? rhythm : CheckInRhythm.None;

    /// <summary>The time zone the channel reports: the activity's localTimezone, else Teams' clientInfo entity.</summary>
    public static string? DetectTimeZone(Activity activity)
    {
        var candidate = activity.LocalTimezone
            ?? activity.EntitiesOfType("clientInfo").Select(e => e.GetString("timezone")).FirstOrDefault(z => !string.IsNullOrEmpty(z));
        return candidate is not null && TimeZones.TryResolve(candidate, out var zone) ? zone : null;
    }

    /// <summary>"Every day at 19:00 (Europe/Berlin)".</summary>
    public static string Describe(CheckInRhythm rhythm, TimeOnly? time, string? zone)
    {
        if (rhythm == CheckInRhythm.None) return "No reminders; check in whenever you like";
        var when = rhythm switch { CheckInRhythm.Daily => "Every day", CheckInRhythm.EveryFewDays => "Every few days", _ => "Once a week" };
        var at = (time ?? new TimeOnly(19, 0)).ToString("HH:mm", CultureInfo.InvariantCulture);
        return zone is null ? $"{when} at {at}" : $"{when} at {at} ({TimeZones.Describe(zone)})";
    }

    private static Task<DialogTurnResult> AskRhythmStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        var current = Describe(profile.Rhythm, profile.ReminderTime, profile.TimeZone);
        var options = RhythmPrompt();
        options.Prompt!.Text = $"Right now: {current}. {options.Prompt.Text}";
        return step.PromptAsync(RhythmPromptId, options, ct);
    }

    private static async Task<DialogTurnResult> AskTimeStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct)
    {
        if (step.Result is null)
        {
            // No answer changes nothing: reminders are never switched off (or on) on a guess.
            var profile = step.Context.Journey().Profile;
            await step.SendAsync($"Nothing has changed. Check-ins: {Describe(profile.Rhythm, profile.ReminderTime, profile.TimeZone)}.", ct);
            return await step.EndDialogAsync(ct);
        }
        step.Data.Rhythm = RhythmFrom(step.Result);
        if (step.Data.Rhythm == CheckInRhythm.None) return await step.NextAsync(null, ct);
        return await step.PromptAsync(TimePromptId, TimePrompt(), ct);
    }

    private static Task<DialogTurnResult> AskZoneStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct)
    {
        step.Data.ReminderTime = step.Result as TimeOnly?;
        if (step.Data.Rhythm == CheckInRhythm.None) return step.NextAsync(null, ct);
        var detected = DetectTimeZone(step.Context.Activity);
        var known = step.Context.Journey().Profile.TimeZone ?? detected;
        var options = ZonePrompt();
        if (known is not null)
        {
            options.Prompt!.Text = $"Your time zone is set to {TimeZones.Describe(known)}. Type \"keep\" to keep it, or tell me another.";
            options.Choices = [new Choice { Value = known, Title = "Keep it", Synonyms = ["keep", "same", "yes", "ok"] }];
        }
        return step.PromptAsync(ZonePromptId, options, ct);
    }

    private static async Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext<SettingsData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        step.Data.TimeZone = step.Result as string ?? profile.TimeZone;
        profile.Rhythm = step.Data.Rhythm;
        if (step.Data.Rhythm != CheckInRhythm.None)
        {
            profile.ReminderTime = step.Data.ReminderTime ?? profile.ReminderTime ?? new TimeOnly(19, 0);
            profile.TimeZone = step.Data.TimeZone;
        }
        await step.SendAsync($"Done. Check-ins: {Describe(profile.Rhythm, profile.ReminderTime, profile.TimeZone)}.", ct);
        return await step.EndDialogAsync(ct);
    }
}
