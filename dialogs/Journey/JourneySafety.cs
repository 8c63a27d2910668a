using TrustBot.Dialogs;
using TrustBot.Safety;
using TrustBot.Schema;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>
/// The safety check that runs first on every message. Clear danger gets the full safety message at once (a caring
/// first line for the category and for whose safety it is, crisis lines for the person's country, and the question
/// whether they are safe right now); possible danger gets a gentle check first. Either way the
/// <see cref="SafetyCheckDialog"/> goes on top of the dialog stack, so the interrupted flow is held until the person
/// says they are safe and chooses to continue. While it is active every message is read again with heightened
/// scrutiny, and goes to the safety mode rather than to the held prompt. In group chats there is no safety mode: one
/// caring message with the crisis lines and an invitation to a personal chat. Only the time and category are stored.
/// </summary>
internal sealed class JourneySafety(ISafetyDetector detector, SafetyResources resources, ReminderRules? rules = null)
{
    /// <summary>Creates the safety check with the built-in detector and the configured resources.</summary>
    public JourneySafety(JourneyOptions options, ReminderRules? rules = null) : this(new PhraseSafetyDetector(), options.SafetyResources, rules)
    {
    }

    private readonly TimeSpan _pause = (rules ?? ReminderRules.Default).SafetyPause;

    /// <summary>
    /// Answers the turn when the message suggests danger or the person is in safety mode. Returns true when it did;
    /// false lets the turn go on (no danger, or a command that leaves the safety mode or answers within it).
    /// </summary>
    /// <param name="turn">The turn.</param>
    /// <param name="journey">The person's journey for the turn.</param>
    /// <param name="dc">The dialog context over the conversation's stack (the safety mode is pushed on it).</param>
    /// <param name="cancellationToken">Cancels the turn.</param>
    public async Task<bool> TryRespondAsync(ITurnContext turn, JourneySession journey, DialogContext dc, CancellationToken cancellationToken)
    {
        turn.Services.Set(resources);
        var inMode = !turn.Activity.IsGroupConversation && SafetyCheckDialog.IsActive(dc);
        var text = turn.Activity.Text;

        // "I'm not safe" and "I can't talk, he's here" answer the safety mode's question; the mode knows what to do.
        if (inMode && SafetyAnswers.Recognize(turn.Activity) is SafetyAnswer.NotSafe or SafetyAnswer.CantTalk)
        {
            await dc.ContinueDialogAsync(cancellationToken);
            return true;
        }

        var assessment = detector.Assess(text, inMode ? SafetyScrutiny.Heightened : SafetyScrutiny.Normal);
        if (assessment.IsCrisis && !ReadOnlyAsPossibleInAnswer(dc, assessment, inMode, text))
        {
            await RespondToDangerAsync(dc, journey, assessment, inMode, cancellationToken);
            return true;
        }

        if (!inMode) return false;
        // Commands still work: those that open a flow leave the safety mode, those that only answer ask its question again.
        // "help" and a bare "continue" mean something else here, so the safety mode reads them.
        if (journey.Profile.Consented == true && GlobalCommands.Recognize(text) is not (GlobalCommand.None or GlobalCommand.Help)
            && Recognizers.Normalize(text) != "continue")
            return false;
        await dc.ContinueDialogAsync(cancellationToken);
        return true;
    }

    // The meaning layer reads some plain answers as possible danger ("i live in london" at the time zone question). When
    // the open question takes the whole message as a value of its kind (a time zone, a time, a number, one of its
    // options), only a possible reading is set aside: clear danger, and everything in the safety mode, is acted on.
    private static bool ReadOnlyAsPossibleInAnswer(DialogContext dc, SafetyAssessment assessment, bool inMode, string? text) =>
        !assessment.IsClear && !inMode && text is { Length: > 0 } && dc.ActivePromptTakesAsStructuredAnswer(text);

    /// <summary>A sign of danger: in a group, a short caring line; in a personal chat, the safety mode (entered, or
    /// renewed with what this message showed).</summary>
    private async Task RespondToDangerAsync(DialogContext dc, JourneySession journey, SafetyAssessment assessment, bool inMode, CancellationToken cancellationToken)
    {
        var turn = dc.Context;
        var country = CountryOf(turn.Activity) ?? journey.Profile.Country;
        if (country is not null && journey.Profile.Consented == true) journey.Profile.Country = country;
        if (turn.Activity.IsGroupConversation)
        {
            await turn.SendActivityAsync(SafetyMessages.GroupMessage(resources.For(country ?? turn.Activity.Locale)), cancellationToken);
            SafetyCheckDialog.NoteDanger(journey, assessment.Category, recordEvent: true);
            return;
        }

        var previous = SafetyCheckDialog.StateOf(dc);
        // In safety mode any further sign, however faint, gets the full safety message.
        var full = inMode || assessment.IsClear;
        var state = new SafetyCheckState
        {
            Category = assessment.Category,
            Side = SafetySides.Of(assessment, turn.Activity.Text),
            FullShown = full,
            Repeat = full && previous?.FullShown == true,
            Stage = previous?.Stage == SafetyStage.CantTalk ? SafetyStage.CantTalk : SafetyStage.Asking,
            FirstContact = journey.Profile.Consented != true,
            Country = country,
            PauseHours = (int)Math.Round(_pause.TotalHours),
        };
        if (inMode) await dc.ReplaceDialogAsync(nameof(SafetyCheckDialog), state, cancellationToken);
        else await dc.BeginDialogAsync(nameof(SafetyCheckDialog), state, cancellationToken);
        if (full) SafetyCheckDialog.NoteDanger(journey, assessment.Category, recordEvent: true);
    }

    /// <summary>The country the channel reports (Teams clientInfo), else the one in the locale.</summary>
    private static string? CountryOf(Activity activity) =>
        activity.EntitiesOfType("clientInfo").Select(e => e.GetString("country")).FirstOrDefault(c => !string.IsNullOrEmpty(c));
}
