using TrustBot.Dialogs;
using TrustBot.Schema;

namespace TrustBot.Journey.Steps;

/// <summary>What step 5 collects.</summary>
internal sealed class SpaceData
{
    /// <summary>"day", "few", "week", "open", "none" (no space needed), or null when left open.</summary>
    public string? Length { get; set; }
}

/// <summary>
/// Step 5, give each other space: the hurt partner says how much space they need; the repairing partner
/// learns to respect it, plans what to do instead of pushing and records how long was asked for. "We don't
/// need space right now" sets no period and the step can still be marked done. A planned talk that falls in
/// the new period is never dropped silently: the person says whether to keep its reminder. Opening the step
/// again during a space period offers to end it, set it again, or mark the step done.
/// </summary>
internal sealed class SpaceDialog : JourneyStepDialog<SpaceData>
{
    // Wording written for one role only; the wording audit (RoleWordingTests) checks no other role is shown it.
    private const string HurtSpaceOpen = "I'll say when";
    private const string RepairingSpaceOpen = "They'll say when";
    private const string BothSpaceOpen = "We'll say when";

    /// <inheritdoc />
    public override IReadOnlyList<(PartnerRole Role, string Text)> RoleSpecificTexts =>
    [
        (PartnerRole.Hurt, HurtSpaceOpen),
        (PartnerRole.Repairing, RepairingSpaceOpen),
        (PartnerRole.Both, BothSpaceOpen),
    ];

    private const string ChoicePromptId = "space.choice";
    private const string LengthPromptId = "space.length";
    private const string TalkPromptId = "space.talk";
    private const string TextPromptId = "space.text";

    /// <summary>Creates step 5.</summary>
    public SpaceDialog() : base(nameof(SpaceDialog), 5, "Give each other space", StepsJson.Default.SpaceData)
    {
        AddSteps(OfferToEndSpaceStepAsync, AskHowLongStepAsync, SetSpaceStepAsync, AskInsteadOfPushingStepAsync, CloseReflectionStepAsync);
        AddDialog(new ChoicePrompt(ChoicePromptId));
        AddDialog(new ChoicePrompt(LengthPromptId, AcceptLengthOrSkipAsync));
        AddDialog(new ChoicePrompt(TalkPromptId));
        AddDialog(new TextPrompt(TextPromptId, NonAnswers.KeepQuestionOpen(PrivateJournal.Earlier(5, "space-self-care"))));
    }

    /// <summary>The length choices, worded for the role: only the hurt partner says "I'll say when".</summary>
    public static List<Choice> LengthChoices(PartnerRole role = PartnerRole.Hurt) =>
    [
        new Choice { Value = "day", Title = "A day", Synonyms = ["day", "one day", "1 day", "a day or so"] },
        new Choice { Value = "few", Title = "A few days", Synonyms = ["few days", "a couple of days", "couple of days", "3 days", "three days"] },
        new Choice { Value = "week", Title = "A week", Synonyms = ["week", "one week", "1 week", "7 days"] },
        new Choice
        {
            Value = "open",
            Title = RoleText.Pick(role, HurtSpaceOpen, RepairingSpaceOpen, BothSpaceOpen),
            Synonyms = ["say when", "open", "open ended", "until i say", "until they say", "ill say when", "theyll say when", "well say when", "they'll say when", "we'll say when", "i'll say when"],
        },
        new Choice
        {
            Value = "none",
            Title = RoleText.Pick(role, "We don't need space right now", "They haven't asked for space", "We don't need space right now"),
            Synonyms = ["we dont need space", "we don't need space", "we dont need space right now", "i dont need space", "i don't need space", "no space",
                "no space needed", "dont need space", "don't need space", "they havent asked", "they haven't asked", "none", "not needed", "no need"],
        },
    ];

    /// <summary>Starts a space period of the chosen length (or an open-ended one).</summary>
    public static void StartSpace(JourneyProfile profile, string length, DateTimeOffset now)
    {
        profile.SpaceOpenEnded = length == "open";
        profile.SpaceUntil = length switch
        {
            "day" => now.AddDays(1),
            "few" => now.AddDays(3),
            "week" => now.AddDays(7),
            _ => null,
        };
    }

    /// <summary>Ends the space period now.</summary>
    public static void EndSpace(JourneyProfile profile)
    {
        profile.SpaceOpenEnded = false;
        profile.SpaceUntil = null;
    }

    /// <summary>"skip" and "not sure" are answers too: they leave the length open rather than picking one.</summary>
    private static Task<bool> AcceptLengthOrSkipAsync(PromptValidatorContext<FoundChoice> prompt, CancellationToken ct) =>
        Task.FromResult(prompt.Recognized.Succeeded
            || NonAnswers.Classify(Dialogs.PromptInput.Of(prompt.Context.Activity)) is NonAnswerKind.Skip or NonAnswerKind.NotSure);

    private static Task<DialogTurnResult> OfferToEndSpaceStepAsync(WaterfallStepContext<SpaceData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (!journey.Profile.IsSpaceActive(journey.Now)) return step.NextAsync(new FoundChoice("again", 1), ct);
        var period = Encouragement.DescribeSpace(journey.Profile, TimeZones.Find(journey.Profile.TimeZone));
        List<Choice> choices =
        [
            new Choice { Value = "end", Title = "End the space period", Synonyms = ["end", "end it", "stop", "over", "end space"] },
            new Choice { Value = "again", Title = "Set it again", Synonyms = ["again", "change", "change it", "reset"] },
            new Choice { Value = "keep", Title = "Leave it as it is", Synonyms = ["leave", "keep", "keep it", "leave it"] },
        ];
        if (!journey.Profile.StepsDone.Contains(5))
            choices.Add(new Choice { Value = "finish", Title = "Mark step 5 as done", Synonyms = ["done", "mark as done", "mark it done", "finish", "finished", "step done"] });
        return step.PromptAsync(ChoicePromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage($"You're in a space period right now, {period}. What would you like to do?"),
            RetryPrompt = Activity.CreateMessage("\"End the space period\" ends it now, \"Set it again\" chooses a new length, and \"Leave it as it is\" changes nothing."
                + (choices.Count > 3 ? " \"Mark step 5 as done\" keeps the space period and marks the step done." : "")),
            Choices = choices,
            MaxRetries = 2,
        }, ct);
    }

    private async Task<DialogTurnResult> AskHowLongStepAsync(WaterfallStepContext<SpaceData> step, CancellationToken ct)
    {
        var profile = step.Context.Journey().Profile;
        switch ((step.Result as FoundChoice)?.Value)
        {
            case "end":
                EndSpace(profile);
                await step.SendAsync(RoleText.Pick(profile.Role,
                    hurt: "Your space period has ended. Welcome back; go gently, and take space again whenever you need it.",
                    repairing: "The space period has ended. Let your partner set the pace as you reconnect, and keep listening more than you speak.",
                    both: "Your space period has ended. Go gently with each other as you reconnect."), ct);
                return await step.EndDialogAsync(ct);
            case "finish":
                await MarkDoneAsync(step, ct);
                return await step.EndDialogAsync(ct);
            case "again":
                break;
            default:
                await step.SendAsync("Alright, your space period stays as it is.", ct);
                return await step.EndDialogAsync(ct);
        }

        await step.SendAsync(RoleText.Pick(profile.Role,
            hurt: "Healing needs room. After a breach of trust it's natural to need time on your own to feel what you feel and sort through it, without being pressed for answers. Asking for that is healthy, not a punishment.",
            repairing: "Your partner may need time and distance to heal. Respecting that, while letting them know once, simply, that you want to rebuild, shows you take their pain seriously. Pushing for closeness too soon tends to breed resentment and slow the healing.\n\nSomething like: \"I want to rebuild us, and I'll give you the time you need. I'm here when you're ready.\"",
            both: "Healing needs room, for both of you. Time apart to process isn't a step backwards: it lets feelings settle so that later conversations can go better. The key is to agree on it, and not to push each other before you're ready."), ct);
        var open = RoleText.Pick(profile.Role, HurtSpaceOpen, RepairingSpaceOpen, BothSpaceOpen);
        return await step.PromptAsync(LengthPromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage(RoleText.Pick(profile.Role,
                hurt: "How much space do you need right now?",
                repairing: "How long did your partner ask for?",
                both: "How much space do you need right now?")),
            RetryPrompt = Activity.CreateMessage($"A day, a few days or a week sets a space period of that length; \"{open}\" keeps it open until you end it; "
                + (profile.Role == PartnerRole.Repairing ? "\"They haven't asked for space\"" : "\"We don't need space right now\"")
                + " sets none. If you're not sure yet, type skip and I'll leave it open."),
            Choices = LengthChoices(profile.Role),
            MaxRetries = 2,
        }, ct);
    }

    private static async Task<DialogTurnResult> SetSpaceStepAsync(WaterfallStepContext<SpaceData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        var profile = journey.Profile;
        step.Data.Length = (step.Result as FoundChoice)?.Value;
        switch (step.Data.Length)
        {
            case null:
                // No answer is not a choice: nothing is set, and the person is told so.
                await step.SendAsync("I'll leave this open: no space period is set. You can set one any time by opening step 5 again.", ct);
                return await step.NextAsync(null, ct);
            case "none":
                await step.SendAsync(RoleText.Pick(profile.Role,
                    hurt: "Okay, no space period for now. If you find you need some room later, open step 5 again and set one.",
                    repairing: "Okay, no space period for now. If your partner asks for space later, open step 5 again and set it.",
                    both: "Okay, no space period for now. If either of you needs some room later, open step 5 again and set one."), ct);
                return await step.NextAsync(null, ct);
        }

        StartSpace(profile, step.Data.Length, journey.Now);
        var period = Encouragement.DescribeSpace(profile, TimeZones.Find(profile.TimeZone));
        await step.SendAsync($"Your space period is set, {period}. While it lasts I won't suggest talks with your partner; I'll lean toward looking after yourself instead.", ct);
        if (profile.PlannedTalkAt is not { } talk || talk <= journey.Now || !profile.IsSpaceActive(talk.AddHours(-1))) return await step.NextAsync(null, ct);

        // A talk the person planned must not lose its reminder without them saying so.
        var when = TalkTime.Describe(TimeZoneInfo.ConvertTime(talk, TimeZones.Find(profile.TimeZone)).DateTime);
        return await step.PromptAsync(TalkPromptId, new PromptOptions
        {
            Prompt = Activity.CreateMessage($"You have a talk planned for {when}, during this space period. Would you like to keep it, with its reminder, or cancel it?"),
            RetryPrompt = Activity.CreateMessage("\"Keep the talk\" keeps it and I'll still remind you an hour before; \"Cancel the talk\" removes it and its reminder."),
            Choices =
            [
                new Choice { Value = "keep", Title = "Keep the talk", Synonyms = ["keep", "keep it", "keep the reminder", "yes"] },
                new Choice { Value = "cancel", Title = "Cancel the talk", Synonyms = ["cancel it", "remove", "remove it", "no", "drop it"] },
            ],
            MaxRetries = 2,
        }, ct);
    }

    private static async Task<DialogTurnResult> AskInsteadOfPushingStepAsync(WaterfallStepContext<SpaceData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        var profile = journey.Profile;
        if (profile.PlannedTalkAt is { } talk && step.Result is FoundChoice talkChoice)
        {
            if (talkChoice.Value == "cancel")
            {
                profile.PlannedTalkAt = null;
                profile.TalkKeptDuringSpace = null;
                await step.SendAsync("The planned talk is cancelled. You can plan a new one in step 2 when you're ready.", ct);
            }
            else
            {
                profile.TalkKeptDuringSpace = talk;
                await step.SendAsync("The talk stays planned, and I'll still remind you about an hour before.", ct);
            }
        }
        else if (profile.PlannedTalkAt is { } kept && kept > journey.Now && step.Data.Length is not (null or "none") && profile.IsSpaceActive(kept.AddHours(-1)))
        {
            // No answer about the talk: it stays exactly as it was, reminder included.
            profile.TalkKeptDuringSpace = kept;
            await step.SendAsync("I'll keep the planned talk and its reminder as they are. You can change it in step 2.", ct);
        }

        if (step.Data.Length is null or "none") return await step.NextAsync(null, ct);
        return await step.PromptAsync(TextPromptId, PromptOptions.Ask(
            RoleText.Pick(profile.Role,
                hurt: "What would help you look after yourself during this time? Write a few words just for you; it stays private.",
                repairing: "When you feel the urge to push (to ask again, to explain, to fix it right now), what will you do instead? Write it down for yourself; it stays private.",
                both: "When either of you feels the urge to push for a talk too soon, what will you do instead? Write it down for yourself; it stays private."),
            "Write a sentence or two (up to 2000 characters), or type skip."), ct);
    }

    private static async Task<DialogTurnResult> CloseReflectionStepAsync(WaterfallStepContext<SpaceData> step, CancellationToken ct)
    {
        var journey = step.Context.Journey();
        if (step.Data.Length is null or "none") return await step.NextAsync(null, ct);
        if (step.Result is string plan && NonAnswers.Classify(plan) is var kind)
        {
            if (kind == NonAnswerKind.None)
            {
                var topic = journey.Profile.Role == PartnerRole.Hurt ? "space-self-care" : "space-instead-of-pushing";
                PrivateJournal.Write(journey, 5, topic, plan);
            }
            else
            {
                await step.SendAsync(NonAnswers.Reply(kind), ct);
            }
        }
        await step.SendAsync(RoleText.Pick(journey.Profile.Role,
            hurt: "Thank you. Taking space isn't giving up; it's giving yourself room to heal. You can end it early any time by opening step 5 again.",
            repairing: "Thank you. Holding back when you'd rather fix things is a form of respect, and your patience now is part of the repair. If your partner says they're ready sooner, open step 5 again to end the space period.",
            both: "Thank you. Giving each other room is part of the repair, not a pause from it. You can end the space period early any time by opening step 5 again."), ct);
        return await step.NextAsync(null, ct);
    }
}
