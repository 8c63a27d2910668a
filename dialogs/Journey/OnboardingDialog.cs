using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey;

/// <summary>What onboarding collects; applied to the profile at the end.</summary>
public sealed class OnboardingData : IFollowUp
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
public sealed class OnboardingDialog : ComponentDialog
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
        AddDialog(new ChoicePrompt(ChoicePromptId));
        AddDialog(new TimeOfDayPrompt(TimePrompt));
        AddDialog(new TimeZonePrompt(ZonePrompt));
        AddDialog(new ConfirmPrompt(ConfirmZonePrompt));
    }

    /// <summary>The welcome: what TrustBot is, that it is not a therapist, what it stores.</summary>
    public const string Welcome =
        "Hi, I'm TrustBot. I can walk with you through eight steps for rebuilding trust with your partner, one small conversation at a time.\n\n" +
        "I'm a coaching companion, not a therapist, and I can't replace one. To remember your progress I store your answers, check-ins and notes; " +
        "I never share them, and typing \"delete my data\" at any time erases all of it.";

    private static async Task<DialogTurnResult> AskConsentStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        if (step.Data.Restart) return await step.NextAsync(new FoundChoice("Yes", 0), ct);
        await step.SendAsync(Welcome, ct);
        return await step.PromptAsync(ConsentPrompt, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Would you like to begin?"),
            RetryPrompt = Activity.CreateMessage("Please choose \"Yes\" to begin, or \"Not now\"."),
            Choices = [new Choice { Value = "Yes", Synonyms = ["yes", "y", "ok", "sure", "begin", "yes please", "lets begin", "lets do it", "go ahead", "i agree", "agree", "i consent", "count me in", "ready"] }, new Choice { Value = "Not now", Synonyms = ["no", "later", "not yet", "not today", "maybe later", "no thanks"] }],
            MaxRetries = 2,
        }, ct);
    }

    private static async Task<DialogTurnResult> AskNameStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        var consented = step.Result is FoundChoice { Value: "Yes" };
        journey.Profile.Consented = consented;
        journey.Profile.ConsentedAt = journey.Now;
        journey.Records.Put(RecordKinds.Consent, new ConsentRecord { At = journey.Now, Given = consented }, JourneyJson.Default.ConsentRecord);
        if (!consented)
        {
            await step.SendAsync("That's completely fine. I haven't stored anything except that you said not now. Whenever you're ready, just say hello.", ct);
            return await step.EndDialogAsync(ct);
        }
        return await step.PromptAsync(NamePrompt, PromptOptions.Ask("Thank you. What should I call you?", "Any name or nickname from 1 to 50 characters is fine.").Between(1, 50), ct);
    }

    private static Task<DialogTurnResult> AskRoleStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.Name = step.Result as string ?? "friend";
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage($"Nice to meet you, {step.Data.Name}. Which of these is closest to where you are?"),
            RetryPrompt = Activity.CreateMessage("Please pick the one that fits best. You can change it later with \"start over\"."),
            Choices =
            [
                new Choice { Value = nameof(PartnerRole.Hurt), Title = "I was hurt", Synonyms = ["hurt", "i'm hurt", "i am hurt", "i got hurt", "cheated on", "i was cheated on", "he cheated", "she cheated", "they cheated", "my partner cheated", "lied to me", "he lied", "she lied", "they lied", "my partner lied", "betrayed", "i was betrayed", "the hurt one", "they broke it", "he broke it", "she broke it", "my partner broke it"] },
                new Choice { Value = nameof(PartnerRole.Repairing), Title = "I broke the trust", Synonyms = ["i broke it", "broke", "i messed up", "me", "i cheated", "i lied", "i had an affair", "my fault", "i hurt them", "i hurt her", "i hurt him", "hurt her", "hurt him", "hurt my partner", "i betrayed", "i screwed up", "who cheated", "i was unfaithful", "i did", "it was me", "i broke their trust"] },
                new Choice { Value = nameof(PartnerRole.Both), Title = "We're both working on it", Synonyms = ["both", "we both", "together", "both of us", "a bit of both", "each other", "mutual", "us both"] },
            ],
        }, ct);
    }

    private static Task<DialogTurnResult> AskWhatHappenedStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.Role = step.Result is FoundChoice role ? Enum.Parse<PartnerRole>(role.Value) : PartnerRole.Both;
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("What broke the trust? You don't need to give details; this only helps me choose my words."),
            RetryPrompt = Activity.CreateMessage("Pick the closest one, or \"Something else\"."),
            Choices =
            [
                new Choice { Value = nameof(BreachKind.Infidelity), Title = "Infidelity", Synonyms = ["cheating", "affair", "cheated", "unfaithful", "slept with", "another woman", "another man", "someone else", "sexting", "texting someone", "kissed", "dating app", "hooked up"] },
                new Choice { Value = nameof(BreachKind.Dishonesty), Title = "Dishonesty", Synonyms = ["lies", "lying", "lied", "lie", "hid", "hidden", "hiding", "secret", "secrets", "debt", "money", "gambling", "dishonest", "deceived", "deception", "kept things from"] },
                new Choice { Value = nameof(BreachKind.Misunderstandings), Title = "A series of misunderstandings", Synonyms = ["misunderstandings", "misunderstanding", "miscommunication", "drifted apart", "we drifted", "arguments", "assumptions"] },
                new Choice { Value = nameof(BreachKind.Other), Title = "Something else", Synonyms = ["other", "else", "rather not say", "prefer not to say", "complicated", "none of these", "addiction"] },
            ],
        }, ct);
    }

    private static Task<DialogTurnResult> AskPartnerStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.Breach = step.Result is FoundChoice breach ? Enum.Parse<BreachKind>(breach.Value) : BreachKind.Other;
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage("Is your partner working on this too?"),
            Choices = [new Choice { Value = "Yes", Synonyms = ["they are", "he is", "she is", "we both are", "working on it too"] }, new Choice { Value = "Not yet", Synonyms = ["no", "not really", "he isnt", "she isnt", "they arent", "not at the moment", "refuses"] }, new Choice { Value = "I don't know", Synonyms = ["dont know", "not sure", "unsure", "maybe", "no idea", "idk", "hard to say", "sometimes"] }],
        }, ct);
    }

    private static Task<DialogTurnResult> AskRhythmStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.PartnerInvolved = (step.Result as FoundChoice)?.Value ?? "I don't know";
        return step.PromptAsync(ChoicePromptId, RemindersDialog.RhythmPrompt(), ct);
    }

    private static Task<DialogTurnResult> AskTimeStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.Rhythm = RemindersDialog.RhythmFrom(step.Result);
        if (step.Data.Rhythm == CheckInRhythm.None) return step.NextAsync(null, ct);
        return step.PromptAsync(TimePrompt, RemindersDialog.TimePrompt(), ct);
    }

    private static Task<DialogTurnResult> ConfirmDetectedZoneStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.ReminderTime = step.Result as TimeOnly?;
        if (step.Data.Rhythm == CheckInRhythm.None) return step.NextAsync(null, ct);
        step.Data.DetectedTimeZone = RemindersDialog.DetectTimeZone(step.Context.Activity);
        if (step.Data.DetectedTimeZone is null) return step.NextAsync(null, ct);
        return step.PromptAsync(ConfirmZonePrompt, PromptOptions.Ask($"It looks like your time zone is {TimeZones.Describe(step.Data.DetectedTimeZone)}. Is that right?"), ct);
    }

    private static Task<DialogTurnResult> AskZoneStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        if (step.Data.Rhythm == CheckInRhythm.None) return step.NextAsync(null, ct);
        if (step.Data.DetectedTimeZone is not null && step.Result is true) return step.NextAsync(step.Data.DetectedTimeZone, ct);
        return step.PromptAsync(ZonePrompt, RemindersDialog.ZonePrompt(), ct);
    }

    private static async Task<DialogTurnResult> AskHowToStartStepAsync(WaterfallStepContext<OnboardingData> step, CancellationToken ct)
    {
        step.Data.TimeZone = step.Result as string ?? step.Data.DetectedTimeZone;
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
        step.Data.FollowUpDialogId = step.Result is FoundChoice { Value: "menu" } ? null : JourneySteps.DialogId(1);
        return step.EndDialogAsync(ct);
    }

    private static void Apply(OnboardingData data, JourneyProfile profile)
    {
        profile.Name = data.Name;
        profile.Role = data.Role;
        profile.Breach = data.Breach;
        profile.PartnerInvolved = data.PartnerInvolved;
        profile.Rhythm = data.Rhythm;
        profile.ReminderTime = data.ReminderTime ?? (data.Rhythm == CheckInRhythm.None ? null : new TimeOnly(19, 0));
        profile.TimeZone = data.TimeZone ?? profile.TimeZone;
        profile.OnboardingDone = true;
    }

    private static Attachment Summary(OnboardingData data) => Cards.Facts(
        "Here's what I have",
        null,
        [
            ("Name", data.Name ?? ""),
            ("Where you are", data.Role switch { PartnerRole.Hurt => "I was hurt", PartnerRole.Repairing => "I broke the trust", _ => "We're both working on it" }),
            ("Partner involved", data.PartnerInvolved ?? "I don't know"),
            ("Check-ins", RemindersDialog.Describe(data.Rhythm, data.ReminderTime, data.TimeZone)),
        ]);
}
