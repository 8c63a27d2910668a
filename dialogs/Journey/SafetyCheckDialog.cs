using System.Text.Json;
using System.Text.Json.Serialization;
using TrustBot.Dialogs;
using TrustBot.Safety;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>
/// The safety mode after a crisis message. It sits on top of the dialog stack, so the interrupted flow is held, not
/// resumed: every message goes here (after the safety check, which reads it with heightened scrutiny) and none reaches
/// the held prompt or is stored. It asks whether the person is safe right now (I'm safe / I'm not safe / I can't talk
/// freely); "I can't talk freely" gets ways to text or chat and a note on leaving quickly; "Continue where I was" is
/// offered only once they say they are safe, and brings the held question back. Before consent the program is not
/// offered: it starts only when the person asks for it.
/// </summary>
internal sealed class SafetyCheckDialog : Dialog, IOwnsAnswers
{
    private const string DataKey = "data";

    /// <summary>Creates the safety mode.</summary>
    public SafetyCheckDialog() : base(nameof(SafetyCheckDialog))
    {
    }

    /// <summary>"ok lets continue" or "help" answer the safety conversation; read as commands they would leave it for a step or the menu.</summary>
    public bool OwnsAnswer(DialogContext dc, string input) =>
        SafetyAnswers.Recognize(input) is SafetyAnswer.Continue or SafetyAnswer.Begin or SafetyAnswer.Help;

    /// <summary>True when the safety mode is the active dialog.</summary>
    public static bool IsActive(DialogContext dc) => dc.ActiveDialog?.Id == nameof(SafetyCheckDialog);

    /// <summary>The safety mode's state, when it is active.</summary>
    public static SafetyCheckState? StateOf(DialogContext dc) => IsActive(dc) ? Load(dc.ActiveDialog!) : null;

    /// <summary>
    /// Notes a danger disclosure: the time (so unprompted messages pause) and, after consent and when a safety message
    /// was shown, a safety event with the time and category. Never the text.
    /// </summary>
    public static void NoteDanger(JourneySession journey, SafetyCategory category, bool recordEvent)
    {
        journey.Profile.LastSafetyMessageAt = journey.Now;
        if (recordEvent && journey.Profile.Consented == true)
            journey.Records.Add(RecordKinds.Safety, new SafetyEvent { At = journey.Now, Category = category.ToString() }, JourneyJson.Default.SafetyEvent);
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var state = options as SafetyCheckState ?? new SafetyCheckState { Category = SafetyCategory.FearForSafety, FullShown = true };
        var turn = dc.Context;
        if (state.Repeat && state.Stage == SafetyStage.CantTalk)
        {
            // They said they can't talk freely: the lines again, with the quiet ways, and no question to answer.
            await SendAsync(turn, SafetyMessages.Opener(state.Category, state.Side), cancellationToken);
            await SendAsync(turn, SafetyMessages.Resources(CallLines(turn, state)), cancellationToken);
            await SendAsync(turn, SafetyMessages.QuietWays(QuietLines(turn, state)), cancellationToken);
            state.Repeat = false;
            Save(dc.ActiveDialog!, state);
            return DialogTurnResult.Waiting;
        }
        state.Stage = SafetyStage.Asking;
        if (!state.FullShown)
        {
            await AskAsync(turn, state, SafetyMessages.GentleCheck, SafetyAnswers.SafetyChoices, cancellationToken);
        }
        else if (state.Repeat)
        {
            await SendAsync(turn, SafetyMessages.Opener(state.Category, state.Side), cancellationToken);
            await AskAsync(turn, state, SafetyMessages.Resources(CallLines(turn, state)) + "\n\n" + SafetyMessages.SafeQuestion, SafetyAnswers.SafetyChoices, cancellationToken);
        }
        else
        {
            var messages = SafetyMessages.Compose(state.Category, state.Side, CallLines(turn, state), state.FirstContact);
            for (var i = 0; i < messages.Count - 1; i++) await SendAsync(turn, messages[i], cancellationToken);
            await AskAsync(turn, state, messages[^1], SafetyAnswers.SafetyChoices, cancellationToken);
        }
        state.Repeat = false;
        Save(dc.ActiveDialog!, state);
        return DialogTurnResult.Waiting;
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        if (turn.Activity.Type != ActivityTypes.Message) return DialogTurnResult.Waiting;
        var instance = dc.ActiveDialog!;
        var state = Load(instance);
        var answer = Interpret(SafetyAnswers.Recognize(turn.Activity, state.Offered), state.Stage);
        if (state.Stage == SafetyStage.Safe && (answer is SafetyAnswer.Begin || (answer is SafetyAnswer.Continue && !HoldsProgram(state))))
        {
            return await LeaveAsync(dc, answer, state, cancellationToken);
        }

        await AnswerAsync(turn, state, answer, cancellationToken);
        Save(instance, state);
        return DialogTurnResult.Waiting;
    }

    /// <summary>A plain yes means "I'm safe" while the question is open (or after "I can't talk"), and "go on" once the
    /// person has said they are safe; a plain no while asking means "not safe".</summary>
    private static SafetyAnswer Interpret(SafetyAnswer answer, SafetyStage stage) => answer switch
    {
        SafetyAnswer.Yes => stage is SafetyStage.Asking or SafetyStage.NotSafe or SafetyStage.CantTalk ? SafetyAnswer.Safe : SafetyAnswer.Continue,
        SafetyAnswer.No when stage is SafetyStage.Asking or SafetyStage.NotSafe => SafetyAnswer.NotSafe,
        _ => answer,
    };

    /// <summary>Once the person is safe: to the program they asked for at first contact, or back where they were.</summary>
    private static async Task<DialogTurnResult> LeaveAsync(DialogContext dc, SafetyAnswer answer, SafetyCheckState state, CancellationToken cancellationToken)
    {
        if (answer == SafetyAnswer.Begin && HoldsProgram(state))
        {
            await dc.CancelAllDialogsAsync(cancellationToken);
            return await dc.BeginDialogAsync(nameof(OnboardingDialog), null, cancellationToken);
        }

        return await GoBackAsync(dc, cancellationToken);
    }

    /// <summary>Every answer that keeps the safety question open.</summary>
    private async Task AnswerAsync(ITurnContext turn, SafetyCheckState state, SafetyAnswer answer, CancellationToken cancellationToken)
    {
        switch (answer)
        {
            case SafetyAnswer.Safe when state.Stage != SafetyStage.Safe:
                await SendAsync(turn, state.FullShown ? SafetyMessages.GladYouAreSafe : SafetyMessages.ThanksForSayingSafe, cancellationToken);
                state.Stage = SafetyStage.Safe;
                await OfferToGoOnAsync(turn, state, null, cancellationToken);
                break;
            case SafetyAnswer.Safe or SafetyAnswer.Continue when state.Stage == SafetyStage.Safe:
                await RepeatQuestionAsync(turn, state, null, cancellationToken);
                break;
            case SafetyAnswer.NotSafe:
                await NotSafeAsync(turn, state, cancellationToken);
                break;
            case SafetyAnswer.CantTalk:
                await CantTalkAsync(turn, state, cancellationToken);
                break;
            case SafetyAnswer.Continue or SafetyAnswer.Begin:
                await AskAsync(turn, state, SafetyMessages.SafetyFirst, SafetyAnswers.SafetyChoices, cancellationToken);
                break;
            case SafetyAnswer.Help:
                await SendAsync(turn, SafetyMessages.Resources(CallLines(turn, state)), cancellationToken);
                if (state.Stage == SafetyStage.CantTalk) await SendAsync(turn, SafetyMessages.QuietWays(QuietLines(turn, state)), cancellationToken);
                await RepeatQuestionAsync(turn, state, null, cancellationToken);
                break;
            case SafetyAnswer.Thanks:
                await RepeatQuestionAsync(turn, state, state.Stage == SafetyStage.Safe ? "You're welcome." : SafetyMessages.StillHere, cancellationToken);
                break;
            case SafetyAnswer.No:
                await RepeatQuestionAsync(turn, state, "That's fine, there's no rush.", cancellationToken);
                break;
            default:
                await RepeatQuestionAsync(turn, state, state.Stage == SafetyStage.Safe ? "I'm listening." : SafetyMessages.AskAgain, cancellationToken);
                break;
        }
    }

    /// <inheritdoc />
    public override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        var state = Load(instance);
        await RepeatQuestionAsync(turnContext, state, null, cancellationToken);
        Save(instance, state);
    }

    /// <summary>Whatever the stage waits for, asked again (with <paramref name="lead"/> first, when given).</summary>
    private static Task RepeatQuestionAsync(ITurnContext turn, SafetyCheckState state, string? lead, CancellationToken cancellationToken) => state.Stage switch
    {
        SafetyStage.Safe => OfferToGoOnAsync(turn, state, lead, cancellationToken),
        // Someone who can't talk freely is not pressed for an answer.
        SafetyStage.CantTalk => SendAsync(turn, SafetyMessages.HereWhenSafe, cancellationToken),
        _ => AskAsync(turn, state, QuestionAfter(lead), state.Stage == SafetyStage.NotSafe ? SafetyAnswers.NotSafeChoices : SafetyAnswers.SafetyChoices, cancellationToken),
    };

    // The safety question, after a lead that does not already ask it.
    private static string QuestionAfter(string? lead) => lead switch
    {
        null => SafetyMessages.SafeQuestion,
        SafetyMessages.StillHere or SafetyMessages.AskAgain => lead,
        _ => lead + " " + SafetyMessages.SafeQuestion,
    };

    // Danger disclosed before the person started: the program waits until they ask for it. (After only the gentle
    // check nothing was disclosed, so going on is offered as usual.)
    private static bool HoldsProgram(SafetyCheckState state) => state.FirstContact && state.FullShown;

    private static Task OfferToGoOnAsync(ITurnContext turn, SafetyCheckState state, string? lead, CancellationToken cancellationToken)
    {
        if (HoldsProgram(state))
        {
            state.Offered = null;
            return SendAsync(turn, Join(lead, SafetyMessages.HowToAskForTheProgram), cancellationToken);
        }
        return AskAsync(turn, state, Join(lead, SafetyMessages.OfferToContinue), SafetyAnswers.ContinueChoices, cancellationToken);
    }

    private static async Task NotSafeAsync(ITurnContext turn, SafetyCheckState state, CancellationToken cancellationToken)
    {
        var journey = turn.Journey();
        if (!state.FullShown)
        {
            // After the gentle check, "I'm not safe" turns into the full safety message.
            await SendAsync(turn, SafetyMessages.Opener(state.Category, state.Side), cancellationToken);
            await SendAsync(turn, SafetyMessages.Resources(CallLines(turn, state)), cancellationToken);
            NoteDanger(journey, state.Category, recordEvent: true);
            state.FullShown = true;
        }
        else
        {
            await SendAsync(turn, SafetyMessages.ReachSomeoneNow(CallLines(turn, state)), cancellationToken);
            NoteDanger(journey, state.Category, recordEvent: false);
        }
        state.Stage = SafetyStage.NotSafe;
        await AskAsync(turn, state, SafetyMessages.OfferQuietWays, SafetyAnswers.NotSafeChoices, cancellationToken);
    }

    private static async Task CantTalkAsync(ITurnContext turn, SafetyCheckState state, CancellationToken cancellationToken)
    {
        await SendAsync(turn, SafetyMessages.QuietWays(QuietLines(turn, state)), cancellationToken);
        // Nothing more that asks for an answer: a question or a button might be seen over their shoulder.
        await SendAsync(turn, SafetyMessages.QuickExitNote(TimeSpan.FromHours(state.PauseHours)), cancellationToken);
        NoteDanger(turn.Journey(), state.Category, recordEvent: !state.FullShown);
        state.FullShown = true;
        state.Stage = SafetyStage.CantTalk;
        state.Offered = null;
    }

    private static async Task<DialogTurnResult> GoBackAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        if (dc.Stack.Count > 1) await SendAsync(dc.Context, SafetyMessages.BackToWhereYouWere, cancellationToken);
        // The held flow is a component: ending this dialog makes it ask its pending question again.
        var result = await dc.EndDialogAsync(null, cancellationToken);
        if (dc.ActiveDialog is null)
            return await dc.BeginDialogAsync(dc.Context.Journey().Profile.Consented == true ? nameof(MenuDialog) : nameof(OnboardingDialog), null, cancellationToken);
        return result;
    }

    private static async Task AskAsync(ITurnContext turn, SafetyCheckState state, string text, IReadOnlyList<Choice> choices, CancellationToken cancellationToken)
    {
        var style = ChoiceRenderer.BestStyle(turn.Activity, choices.Count);
        state.Offered = style == ListStyle.List ? choices.Select(c => c.Value).ToList() : null;
        await turn.SendActivityAsync(ChoiceRenderer.Render(turn.Activity, Activity.CreateMessage(text), choices, style), cancellationToken);
    }

    private static Task SendAsync(ITurnContext turn, string text, CancellationToken cancellationToken) => turn.SendActivityAsync(text, cancellationToken);

    private static string Join(string? lead, string text) => lead is null ? text : lead + " " + text;

    private static SafetyResources Resources(ITurnContext turn) => turn.Services.Get<SafetyResources>() ?? turn.Journey().Options.SafetyResources;

    private static string? Country(ITurnContext turn, SafetyCheckState state) => state.Country ?? turn.Journey().Profile.Country ?? turn.Activity.Locale;

    private static IReadOnlyList<string> CallLines(ITurnContext turn, SafetyCheckState state) => Resources(turn).For(Country(turn, state));

    private static IReadOnlyList<string> QuietLines(ITurnContext turn, SafetyCheckState state) => Resources(turn).QuietFor(Country(turn, state));

    private static SafetyCheckState Load(DialogInstance instance)
    {
        try
        {
            return instance.State.Get(DataKey, SafetyJson.Default.SafetyCheckState) ?? new SafetyCheckState();
        }
        catch (JsonException)
        {
            // A damaged state must not end the safety mode: ask the question again from the start.
            return new SafetyCheckState { Category = SafetyCategory.FearForSafety, FullShown = true };
        }
    }

    private static void Save(DialogInstance instance, SafetyCheckState state) =>
        instance.State.Set(DataKey, state, SafetyJson.Default.SafetyCheckState);
}
