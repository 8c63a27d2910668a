using System.Text.RegularExpressions;
using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>What the settings flow is changing: one onboarding answer at a time.</summary>
internal sealed class SettingsChangeData
{
    /// <summary>"name", "role", "breach", "partner", "rhythm", "time" or "timezone"; null to ask which.</summary>
    public string? Field { get; set; }
}

/// <summary>
/// <c>settings</c> and <c>change my name</c>: changes any onboarding answer (name, role, what broke the trust,
/// partner involvement, rhythm, reminder time, time zone) one at a time, with onboarding's own questions.
/// Start it with a field name ("name", "timezone"…) to go straight to that question.
/// </summary>
internal sealed partial class SettingsDialog : ComponentDialog
{
    /// <summary>The fields it can change, in the order they are offered.</summary>
    public static readonly IReadOnlyList<string> Fields = ["name", "role", "breach", "partner", "rhythm", "time", "timezone"];

    private const string Steps = "settings.steps";
    private const string PickPromptId = "settings.pick";
    private const string ChoicePromptId = "settings.choice";
    private const string NamePromptId = "settings.name";
    private const string TimePromptId = "settings.time";
    private const string ZonePromptId = "settings.zone";

    /// <summary>Creates the settings flow.</summary>
    public SettingsDialog() : base(nameof(SettingsDialog))
    {
        AddDialog(new WaterfallDialog<SettingsChangeData>(Steps, JourneyJson.Default.SettingsChangeData, [PickFieldStepAsync, AskFieldStepAsync, SaveStepAsync]));
        AddDialog(new ChoicePrompt(PickPromptId));
        AddDialog(new ChoicePrompt(ChoicePromptId, NonAnswers.ChoiceOrSkipAsync));
        AddDialog(new TextPrompt(NamePromptId));
        AddDialog(new TimeOfDayPrompt(TimePromptId));
        AddDialog(new TimeZonePrompt(ZonePromptId));
    }

    /// <summary>Accepts a field name (string) or <see cref="SettingsChangeData"/> as options.</summary>
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken) =>
        base.BeginDialogAsync(dc, options as SettingsChangeData ?? new SettingsChangeData { Field = FieldNamed(options as string) }, cancellationToken);

    /// <summary>
    /// Recognises "settings", "change my settings" (field null) and "change my name", "change my time zone" and the like
    /// (the field), so the command router can start this flow at the right question.
    /// </summary>
    public static bool TryRecognize(string? text, out string? field)
    {
        field = null;
        var t = Recognizers.Normalize(text).Replace("'", "", StringComparison.Ordinal);
        if (t is "settings" or "my settings" or "change settings" or "change my settings" or "change my answers" or "edit my settings") return true;
        var m = ChangeField().Match(t);
        if (!m.Success) return false;
        field = FieldNamed(m.Groups["field"].Value);
        return field is not null;
    }

    /// <summary>The field a word names ("time zone" → "timezone"), or null.</summary>
    public static string? FieldNamed(string? word) => Recognizers.Normalize(word) switch
    {
        "name" or "my name" or "nickname" => "name",
        "role" or "my role" or "where i am" or "where you are" => "role",
        "breach" or "what happened" or "what broke the trust" => "breach",
        "partner" or "partner involvement" or "partner involved" => "partner",
        "rhythm" or "check-ins" or "check ins" or "reminders" or "how often" => "rhythm",
        "time" or "reminder time" or "check-in time" => "time",
        "timezone" or "time zone" or "zone" => "timezone",
        _ => null,
    };

    private static Task<DialogTurnResult> PickFieldStepAsync(WaterfallStepContext<SettingsChangeData> step, CancellationToken ct)
    {
        if (step.Data.Field is { } field) return step.NextAsync(new FoundChoice(field, Fields.ToList().IndexOf(field)), ct);
        var profile = step.Context.Journey().Profile;
        return step.PromptAsync(PickPromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("What would you like to change? Right now:\n\n" + Current(profile)),
            RetryPrompt = Activity.CreateMessage("Choose the answer to change, or \"Nothing\" to leave everything as it is."),
            Choices =
            [
                new Choice { Value = "name", Title = "Name", Synonyms = ["my name", "nickname"] },
                new Choice { Value = "role", Title = "Where I am", Synonyms = ["role", "my role"] },
                new Choice { Value = "breach", Title = "What broke the trust", Synonyms = ["breach", "what happened"] },
                new Choice { Value = "partner", Title = "Partner involved", Synonyms = ["partner", "partner involvement"] },
                new Choice { Value = "rhythm", Title = "Check-in rhythm", Synonyms = ["rhythm", "how often"] },
                new Choice { Value = "time", Title = "Reminder time", Synonyms = ["time"] },
                new Choice { Value = "timezone", Title = "Time zone", Synonyms = ["timezone", "zone"] },
                new Choice { Value = "nothing", Title = "Nothing", Synonyms = ["none", "no", "nothing thanks", "thats all", "done"] },
            ],
            MaxRetries = 2,
        }, ct);
    }

    private static async Task<DialogTurnResult> AskFieldStepAsync(WaterfallStepContext<SettingsChangeData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        step.Data.Field = (step.Result as FoundChoice)?.Value;
        switch (step.Data.Field)
        {
            case "name":
                return await step.PromptAsync(NamePromptId, OnboardingDialog.NamePromptOptions(
                    profile.Name is { } name ? $"Right now I call you {name}. What should I call you?" : "What should I call you?"), ct);
            case "role":
                return await step.PromptAsync(ChoicePromptId, OnboardingDialog.RolePrompt($"Right now: {OnboardingDialog.DescribeRole(profile.Role)}. Which of these is closest to where you are?"), ct);
            case "breach":
                return await step.PromptAsync(ChoicePromptId, OnboardingDialog.BreachPrompt("What broke the trust? This only helps me choose my words."), ct);
            case "partner":
                return await step.PromptAsync(ChoicePromptId, OnboardingDialog.PartnerPrompt(
                    $"Right now: {profile.PartnerInvolved ?? OnboardingDialog.NotSet}. Is your partner working on this too?"), ct);
            case "rhythm":
                var rhythm = RemindersDialog.RhythmPrompt();
                rhythm.Prompt!.Text = $"Right now: {RemindersDialog.Describe(profile.Rhythm, profile.ReminderTime, profile.TimeZone)}. {rhythm.Prompt.Text}";
                return await step.PromptAsync(ChoicePromptId, rhythm, ct);
            case "time":
                return await step.PromptAsync(TimePromptId, RemindersDialog.TimePrompt(), ct);
            case "timezone":
                return await step.PromptAsync(ZonePromptId, RemindersDialog.ZonePrompt(), ct);
            default:
                await step.SendAsync("Alright, nothing has changed.", ct);
                return await step.EndDialogAsync(ct);
        }
    }

    private static async Task<DialogTurnResult> SaveStepAsync(WaterfallStepContext<SettingsChangeData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        // No answer (or "skip") changes nothing: the earlier answer stays.
        if (step.Result is null || (step.Data.Field == "name" && OnboardingDialog.NameFrom(step.Result) is null))
        {
            await step.SendAsync("Nothing has changed. Type \"settings\" whenever you'd like to try again.", ct);
            return await step.EndDialogAsync(ct);
        }
        if (step.Data.Field == "rhythm" && RemindersDialog.RhythmFrom(step.Result) is var rhythm && rhythm != CheckInRhythm.None && profile.ReminderTime is null)
        {
            // A rhythm needs a time: ask for it rather than pick one.
            profile.Rhythm = rhythm;
            await step.SendAsync("Got it. Now the time.", ct);
            return await step.ReplaceDialogAsync(Steps, new SettingsChangeData { Field = "time" }, ct);
        }

        await step.SendAsync(Apply(profile, step.Data.Field, step.Result) + " Type \"settings\" to change something else.", ct);
        return await step.EndDialogAsync(ct);
    }

    /// <summary>Stores the new answer for <paramref name="field"/> and says what changed.</summary>
    private static string Apply(JourneyProfile profile, string? field, object answer)
    {
        switch (field)
        {
            case "name":
                profile.Name = OnboardingDialog.NameFrom(answer);
                return $"Done. I'll call you {profile.Name}.";
            case "role":
                profile.Role = Enum.Parse<PartnerRole>(((FoundChoice)answer).Value);
                return $"Done. Where you are: {OnboardingDialog.DescribeRole(profile.Role)}. The steps will use words for that from now on.";
            case "breach":
                profile.Breach = Enum.Parse<BreachKind>(((FoundChoice)answer).Value);
                return "Done. I'll keep that in mind when I choose my words.";
            case "partner":
                profile.PartnerInvolved = ((FoundChoice)answer).Value;
                return $"Done. Partner involved: {profile.PartnerInvolved}.";
            case "rhythm":
                profile.Rhythm = RemindersDialog.RhythmFrom(answer);
                return $"Done. Check-ins: {RemindersDialog.Describe(profile.Rhythm, profile.ReminderTime, profile.TimeZone)}.";
            case "time":
                profile.ReminderTime = (TimeOnly)answer;
                return profile.Rhythm == CheckInRhythm.None
                    ? $"Done. I'll use {profile.ReminderTime.Value.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)} once you choose a check-in rhythm (type \"reminders\")."
                    : $"Done. Check-ins: {RemindersDialog.Describe(profile.Rhythm, profile.ReminderTime, profile.TimeZone)}.";
            default:
                profile.TimeZone = (string)answer;
                return $"Done. Your time zone is {TimeZones.Describe(profile.TimeZone)}.";
        }
    }

    private static string Current(JourneyProfile profile) =>
        $"- Name: {profile.Name ?? OnboardingDialog.NotSet}\n" +
        $"- Where you are: {OnboardingDialog.DescribeRole(profile.Role)}\n" +
        $"- Partner involved: {profile.PartnerInvolved ?? OnboardingDialog.NotSet}\n" +
        $"- Check-ins: {RemindersDialog.Describe(profile.Rhythm, profile.ReminderTime, profile.TimeZone)}";

    [GeneratedRegex(@"^(?:change|edit|update|set|fix)\s+(?:my\s+|the\s+|our\s+)?(?<field>name|nickname|role|time\s*zone|zone|reminder\s+time|time|rhythm|partner(?:\s+involvement)?|breach|what\s+happened|what\s+broke\s+the\s+trust)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChangeField();
}
