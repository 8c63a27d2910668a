using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>What onboarding collects; applied to the profile at the end.</summary>
internal sealed class OnboardingData : IFollowUp
{
    public string? FollowUpDialogId { get; set; }

    /// <summary>Started by "start over": consent was already given.</summary>
    public bool Restart { get; set; }

    public string? Name { get; set; }
    public PartnerRole Role { get; set; }
    public BreachKind Breach { get; set; }
    public string? PartnerInvolved { get; set; }
    public CheckInRhythm Rhythm { get; set; }
    public TimeOnly? ReminderTime { get; set; }
    public string? DetectedTimeZone { get; set; }
    public string? TimeZone { get; set; }
}

/// <summary>
/// First contact: what TrustBot is, consent, name, role, what happened, partner involvement,
/// check-in rhythm, time and time zone, a summary, then step 1 or the menu.
/// </summary>
internal sealed class OnboardingDialog : ComponentDialog
{
    private const string ConsentPrompt = "onboarding.consent";
    private const string NamePrompt = "onboarding.name";
    private const string ChoicePromptId = "onboarding.choice";
    private const string TimePrompt = "onboarding.time";
    private const string ZonePrompt = "onboarding.zone";
    private const string ConfirmZonePrompt = "onboarding.confirmZone";

    /// <summary>Creates the onboarding flow.</summary>
    public OnboardingDialog() : base(nameof(OnboardingDialog))
    {
        AddDialog(new WaterfallDialog<OnboardingData>("onboarding", JourneyJson.Default.OnboardingData,
        [
            AskConsentStepAsync,
            AskNameStepAsync,
            AskRoleStepAsync,
            AskWhatHappenedStepAsync,
            AskPartnerStepAsync,
            AskRhythmStepAsync,
            AskTimeStepAsync,
            ConfirmDetectedZoneStepAsync,
            AskZoneStepAsync,
            AskHowToStartStepAsync,
            StartStepAsync,
        ]));
        AddDialog(new ChoicePrompt(ConsentPrompt));
        AddDialog(new TextPrompt(NamePrompt));
        AddDialog(new ChoicePrompt(ChoicePromptId, NonAnswers.ChoiceOrSkipAsync));
        AddDialog(new TimeOfDayPrompt(TimePrompt));
        AddDialog(new TimeZonePrompt(ZonePrompt));
        AddDialog(new ConfirmPrompt(ConfirmZonePrompt));
    }

    /// <summary>The welcome: what TrustBot is, that it is not a therapist, what it stores.</summary>
    public static string Welcome(JourneySteps steps) =>
        $"Hi, I'm TrustBot. I can walk with you through {steps.CountInWords} steps for rebuilding trust with your partner, one small conversation at a time.\n\n" +
        "I'm a coaching companion, not a therapist, and I can't replace one. To remember your progress I store your answers, check-ins and notes; " +
        "I never share them, and typing \"delete my data\" at any time erases all of it.";

    /// <summary>
    /// How onboarding starts for a message from someone who has not agreed and has no question open. A join
    /// shows the welcome but stores nothing before consent, so its "Yes" arrives with no question open: a
    /// yes here is the answer to that welcome, and the welcome is not shown again.
    /// </summary>
    public static OnboardingData? OptionsForFirstMessage(Activity activity) =>
        Recognizers.TryConfirm(activity.Text, out var yes) && yes ? new OnboardingData { Restart = true } : null;

    private static async Task<DialogTurnResult> AskConsentStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        if (step.Data.Restart) return await step.NextAsync(new FoundChoice("Yes", 0), ct);
        await step.SendAsync(Welcome(step.Context.Journey().Steps), ct);
        // Consent is only ever given or declined by the person: the question stays open until they answer it.
        return await step.PromptAsync(ConsentPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Would you like to begin?"),
            RetryPrompt = Activity.CreateMessage("\"Yes\" means I start remembering your answers so we can go step by step; \"Not now\" means I keep nothing except that you said not now. Either is fine."),
            Choices = [new Choice { Value = "Yes", Synonyms = ["yes", "y", "ok", "sure", "begin", "yes please", "lets begin", "lets do it", "go ahead", "i agree", "agree", "i consent", "count me in", "ready"] }, new Choice { Value = "Not now", Synonyms = ["no", "later", "not yet", "not today", "maybe later", "no thanks"] }],
            MaxRetries = int.MaxValue,
        }, ct);
    }

    private static async Task<DialogTurnResult> AskNameStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        if (step.Result is not FoundChoice consent)
        {
            // No answer is not consent and not a refusal: nothing is stored.
            await step.SendAsync("No problem. I haven't stored anything. Whenever you'd like to begin, just say hello.", ct);
            return await step.EndDialogAsync(ct);
        }
        var journey = step.Context.Journey();
        var consented = consent.Value == "Yes";
        journey.Profile.Consented = consented;
        journey.Profile.ConsentedAt = journey.Now;
        journey.Records.Put(RecordKinds.Consent, new ConsentRecord { At = journey.Now, Given = consented }, JourneyJson.Default.ConsentRecord);
        if (!consented)
        {
            await step.SendAsync("That's completely fine. I haven't stored anything except that you said not now. Whenever you're ready, just say hello.", ct);
            return await step.EndDialogAsync(ct);
        }
        return await step.PromptAsync(NamePrompt, NamePromptOptions("Thank you. What should I call you?"), ct);
    }

    /// <summary>The name question, shared with settings.</summary>
    public static PromptOptions NamePromptOptions(string question) =>
        PromptOptions.Ask(question, "Any name or nickname from 1 to 50 characters is fine, or type skip if you'd rather not say.").Between(1, 50);

    /// <summary>The name in the answer ("I'm sam" → "Sam"), or null for "skip", "not sure", no answer, or words after
    /// "I'm" that are not a name.</summary>
    public static string? NameFrom(object? result) =>
        result is string name && NonAnswers.Classify(name) is not (NonAnswerKind.Skip or NonAnswerKind.NotSure or NonAnswerKind.Question)
            ? Recognizers.PersonName(name)
            : null;

    /// <summary>The role question, shared with settings.</summary>
    public static PromptOptions RolePrompt(string question) => new()
    {
        Prompt = Activity.CreateMessage(question),
        RetryPrompt = Activity.CreateMessage("\"I was hurt\" if your partner broke your trust; \"I broke the trust\" if you're the one repairing it; \"We're both working on it\" if you've both been hurt and are repairing together. If none fits yet, type skip."),
        Choices =
        [
            new Choice { Value = nameof(PartnerRole.Hurt), Title = "I was hurt", Synonyms = ["hurt", "i'm hurt", "i am hurt", "i got hurt", "cheated on", "i was cheated on", "he cheated", "she cheated", "they cheated", "my partner cheated", "lied to me", "he lied", "she lied", "they lied", "my partner lied", "betrayed", "i was betrayed", "the hurt one", "they broke it", "he broke it", "she broke it", "my partner broke it"] },
            new Choice { Value = nameof(PartnerRole.Repairing), Title = "I broke the trust", Synonyms = ["i broke it", "broke", "i messed up", "me", "i cheated", "i lied", "i had an affair", "my fault", "i hurt them", "i hurt her", "i hurt him", "hurt her", "hurt him", "hurt my partner", "i betrayed", "i screwed up", "who cheated", "i was unfaithful", "i did", "it was me", "i broke their trust"] },
            new Choice { Value = nameof(PartnerRole.Both), Title = "We're both working on it", Synonyms = ["both", "we both", "together", "both of us", "a bit of both", "each other", "mutual", "us both"] },
        ],
        MaxRetries = 2,
    };

    /// <summary>The breach question, shared with settings.</summary>
    public static PromptOptions BreachPrompt(string question) => new()
    {
        Prompt = Activity.CreateMessage(question),
        RetryPrompt = Activity.CreateMessage("Pick the closest one: it only changes a few words I use. \"Something else\" is fine too, or type skip."),
        Choices =
        [
            new Choice { Value = nameof(BreachKind.Infidelity), Title = "Infidelity", Synonyms = ["cheating", "affair", "cheated", "unfaithful", "slept with", "another woman", "another man", "someone else", "sexting", "texting someone", "kissed", "dating app", "hooked up"] },
            new Choice { Value = nameof(BreachKind.Dishonesty), Title = "Dishonesty", Synonyms = ["lies", "lying", "lied", "lie", "hid", "hidden", "hiding", "secret", "secrets", "debt", "money", "gambling", "dishonest", "deceived", "deception", "kept things from"] },
            new Choice { Value = nameof(BreachKind.Misunderstandings), Title = "A series of misunderstandings", Synonyms = ["misunderstandings", "misunderstanding", "miscommunication", "drifted apart", "we drifted", "arguments", "assumptions"] },
            new Choice { Value = nameof(BreachKind.Other), Title = "Something else", Synonyms = ["other", "else", "rather not say", "prefer not to say", "complicated", "none of these", "addiction"] },
        ],
        MaxRetries = 2,
    };

    /// <summary>The partner question, shared with settings.</summary>
    public static PromptOptions PartnerPrompt(string question) => new()
    {
        Prompt = Activity.CreateMessage(question),
        RetryPrompt = Activity.CreateMessage("\"Yes\" if they're working on it with you, \"Not yet\" if they aren't (or not yet), \"I don't know\" if you're not sure."),
        Choices = [new Choice { Value = "Yes", Synonyms = ["they are", "he is", "she is", "we both are", "working on it too"] }, new Choice { Value = "Not yet", Synonyms = ["no", "not really", "he isnt", "she isnt", "they arent", "not at the moment", "refuses"] }, new Choice { Value = "I don't know", Synonyms = ["dont know", "not sure", "unsure", "maybe", "no idea", "idk", "hard to say", "sometimes"] }],
        MaxRetries = 2,
    };

    /// <summary>What is said when a question ran out of answers: the item stays open and can be set later.</summary>
    public const string LeftOpen = "I'll leave this open. You can set it any time by typing \"settings\".";

    private static async Task<DialogTurnResult> AskRoleStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.Name = NameFrom(step.Result);
        if (step.Data.Name is null) await step.SendAsync("That's fine, you don't need to give me a name.", ct);
        return await step.PromptAsync(ChoicePromptId, RolePrompt(step.Data.Name is null
            ? "Which of these is closest to where you are?"
            : $"Nice to meet you, {step.Data.Name}. Which of these is closest to where you are?"), ct);
    }

    private static async Task<DialogTurnResult> AskWhatHappenedStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.Role = step.Result is FoundChoice role ? Enum.Parse<PartnerRole>(role.Value) : PartnerRole.Unknown;
        if (step.Data.Role == PartnerRole.Unknown) await step.SendAsync(LeftOpen + " Until then I'll use words that fit everyone.", ct);
        return await step.PromptAsync(ChoicePromptId, BreachPrompt("What broke the trust? You don't need to give details; this only helps me choose my words."), ct);
    }

    private static async Task<DialogTurnResult> AskPartnerStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.Breach = step.Result is FoundChoice breach ? Enum.Parse<BreachKind>(breach.Value) : BreachKind.Unknown;
        if (step.Data.Breach == BreachKind.Unknown) await step.SendAsync(LeftOpen, ct);
        return await step.PromptAsync(ChoicePromptId, PartnerPrompt("Is your partner working on this too?"), ct);
    }

    private static async Task<DialogTurnResult> AskRhythmStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.PartnerInvolved = (step.Result as FoundChoice)?.Value;
        if (step.Data.PartnerInvolved is null) await step.SendAsync(LeftOpen, ct);
        return await step.PromptAsync(ChoicePromptId, RemindersDialog.RhythmPrompt(), ct);
    }

    private static async Task<DialogTurnResult> AskTimeStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.Rhythm = RemindersDialog.RhythmFrom(step.Result);
        if (step.Result is null) await step.SendAsync(HeldReminders, ct);
        if (step.Data.Rhythm == CheckInRhythm.None) return await step.NextAsync(null, ct);
        return await step.PromptAsync(TimePrompt, RemindersDialog.TimePrompt(), ct);
    }

    /// <summary>Said when the rhythm, time or time zone never came: no reminder goes out on a guess.</summary>
    public const string HeldReminders = "I won't send reminders until you've chosen when. Type \"reminders\" any time to set them.";

    private static async Task<DialogTurnResult> ConfirmDetectedZoneStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.ReminderTime = step.Result as TimeOnly?;
        if (step.Data.Rhythm != CheckInRhythm.None && step.Data.ReminderTime is null)
        {
            step.Data.Rhythm = CheckInRhythm.None;
            await step.SendAsync(HeldReminders, ct);
        }
        if (step.Data.Rhythm == CheckInRhythm.None) return await step.NextAsync(null, ct);
        step.Data.DetectedTimeZone = RemindersDialog.DetectTimeZone(step.Context.Activity);
        if (step.Data.DetectedTimeZone is null) return await step.NextAsync(null, ct);
        return await step.PromptAsync(ConfirmZonePrompt, PromptOptions.Ask($"It looks like your time zone is {TimeZones.Describe(step.Data.DetectedTimeZone)}. Is that right?"), ct);
    }

    private static Task<DialogTurnResult> AskZoneStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        if (step.Data.Rhythm == CheckInRhythm.None) return step.NextAsync(null, ct);
        if (step.Data.DetectedTimeZone is not null && step.Result is true) return step.NextAsync(step.Data.DetectedTimeZone, ct);
        step.Values["zoneAsked"] = true;
        return step.PromptAsync(ZonePrompt, RemindersDialog.ZonePrompt(), ct);
    }

    private static async Task<DialogTurnResult> AskHowToStartStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.TimeZone = step.Result as string;
        if (step.Data.TimeZone is null && step.Values["zoneAsked"] is not null && step.Data.Rhythm != CheckInRhythm.None)
        {
            // The zone was asked and never understood: reminders wait rather than go out at a guessed hour.
            step.Data.Rhythm = CheckInRhythm.None;
            await step.SendAsync(HeldReminders, ct);
        }
        step.Data.TimeZone ??= step.Data.DetectedTimeZone;
        var journey = step.Context.Journey();
        Apply(step.Data, journey.Profile);
        await step.SendAsync(Cards.Message(Summary(step.Data)), ct);
        return await step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("You can change any of this later. Shall we begin with step 1?"),
            Choices = [new Choice { Value = "step1", Title = "Start step 1", Synonyms = ["yes", "start", "begin"] }, new Choice { Value = "menu", Title = "Show me the menu", Synonyms = ["menu", "no", "later"] }],
        }, ct);
    }

    private static Task<DialogTurnResult> StartStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.FollowUpDialogId = step.Result is FoundChoice { Value: "menu" } ? null : step.Context.Journey().Steps.DialogId(1);
        return step.EndDialogAsync(ct);
    }

    private static void Apply(OnboardingData data, JourneyProfile profile)
    {
        profile.Name = data.Name;
        profile.Role = data.Role;
        profile.Breach = data.Breach;
        profile.PartnerInvolved = data.PartnerInvolved;
        profile.Rhythm = data.Rhythm;
        profile.ReminderTime = data.Rhythm == CheckInRhythm.None ? null : data.ReminderTime;
        profile.TimeZone = data.TimeZone ?? profile.TimeZone;
        profile.OnboardingDone = true;
    }

    private static Attachment Summary(OnboardingData data) => Cards.Facts(
        "Here's what I have",
        null,
        [
            ("Name", data.Name ?? NotSet),
            ("Where you are", DescribeRole(data.Role)),
            ("Partner involved", data.PartnerInvolved ?? NotSet),
            ("Check-ins", RemindersDialog.Describe(data.Rhythm, data.ReminderTime, data.TimeZone)),
        ]);

    /// <summary>How an answer left open shows in summaries.</summary>
    public const string NotSet = "Not set yet";

    /// <summary>The role as the person chose it.</summary>
    public static string DescribeRole(PartnerRole role) => role switch
    {
        PartnerRole.Hurt => "I was hurt",
        PartnerRole.Repairing => "I broke the trust",
        PartnerRole.Both => "We're both working on it",
        _ => NotSet,
    };
}
