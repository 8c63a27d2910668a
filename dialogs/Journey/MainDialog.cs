using TrustBot.Dialogs;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>
/// Decides what starts when no flow is open: onboarding for someone new or with set-up unfinished, the
/// flow an ended one asked for (onboarding → step 1, start over → onboarding), otherwise the menu. It
/// only chooses: the chosen flow takes its place on the stack, so a stored stack never holds it.
/// </summary>
internal sealed class MainDialog : Dialog
{
    /// <summary>Why the turn reached the main dialog.</summary>
    public enum Reason
    {
        /// <summary>A message arrived and no flow was open.</summary>
        Message,

        /// <summary>The person joined (opened the chat, installed the bot) and no flow was open.</summary>
        Join,

        /// <summary>The open flow ended this turn, with <see cref="Start.EndedWith"/> as its result.</summary>
        FlowEnded,
    }

    /// <summary>The main dialog's options: why it starts and what the ended flow returned.</summary>
    public sealed record Start(Reason Reason, object? EndedWith = null);

    public MainDialog() : base(nameof(MainDialog))
    {
    }

    /// <inheritdoc />
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var start = options as Start ?? new Start(Reason.Message);
        var journey = dc.Context.Journey();
        var next = start.Reason switch
        {
            Reason.Join => AfterJoin(journey.Profile),
            Reason.FlowEnded => AfterFlow(journey, start.EndedWith),
            _ => await AfterMessageAsync(dc, journey.Profile, cancellationToken).ConfigureAwait(false),
        };
        return next is null
            ? await dc.EndDialogAsync(null, cancellationToken).ConfigureAwait(false)
            : await dc.ReplaceDialogAsync(next.DialogId, next.Options, cancellationToken).ConfigureAwait(false);
    }

    private sealed record Next(string DialogId, object? Options);

    private static Next? AfterJoin(JourneyProfile profile) =>
        profile.Consented != true ? new Next(nameof(OnboardingDialog), null)
        : !profile.OnboardingDone ? new Next(nameof(OnboardingDialog), new OnboardingData { Restart = true })
        : new Next(nameof(MenuDialog), $"Welcome back{NameSuffix(profile)}. What would you like to do?");

    private static async Task<Next?> AfterMessageAsync(DialogContext dc, JourneyProfile profile, CancellationToken cancellationToken)
    {
        if (profile.Consented != true) return new Next(nameof(OnboardingDialog), OnboardingDialog.OptionsForFirstMessage(dc.Context.Activity));
        if (profile.OnboardingDone) return new Next(nameof(MenuDialog), $"Hi{NameSuffix(profile)}. What would you like to do?");
        // Set-up was left (cancel) before it finished: pick it up again rather than leave the person without a role or rhythm.
        await dc.Context.SendActivityAsync(JourneyInterruptions.ResumeSetUpText, cancellationToken).ConfigureAwait(false);
        return new Next(nameof(OnboardingDialog), new OnboardingData { Restart = true });
    }

    private static Next? AfterFlow(JourneySession journey, object? result)
    {
        // Erased, or never agreed: nothing more starts until the person writes again.
        if (journey.Erased || journey.Profile.Consented != true) return null;
        if (result is IFollowUp { FollowUpDialogId: { } next } followUp) return new Next(next, followUp.FollowUpOptions);
        return journey.Profile.OnboardingDone ? new Next(nameof(MenuDialog), null) : null;
    }

    private static string NameSuffix(JourneyProfile profile) => string.IsNullOrEmpty(profile.Name) ? "" : ", " + profile.Name;
}
