using TrustBot.Dialogs;
using TrustBot.Schema;
using TrustBot.State;
using TrustBot.Turns;

namespace TrustBot.Journey;

/// <summary>
/// TrustBot's turn logic. Every turn: state is loaded once; the safety check runs first; global
/// commands act before the active dialog; the active dialog continues (or onboarding or the menu
/// starts); state and records are saved once, and only then are the replies sent.
/// </summary>
internal sealed class TrustBotHandler : IBot
{
    private readonly UserState _userState;
    private readonly ConversationState _conversationState;
    private readonly IStatePropertyAccessor<JourneyProfile> _profile;
    private readonly IStatePropertyAccessor<JoinMark> _lastJoin;
    private readonly DialogRunner _dialogs;
    private readonly StatefulTurnRunner _runner;
    private readonly IStorage _storage;
    private readonly TimeProvider _clock;
    private readonly JourneyOptions _options;
    private readonly JourneySafety _safety;
    private readonly ReminderRules _reminderRules;
    private readonly JourneySteps _steps;
    private readonly BotCallbackHandler _onMessage;

    /// <summary>How long a message waits for the same person's previous turn in this conversation before it runs anyway.</summary>
    public static readonly TimeSpan MaxTurnWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Creates the bot over a storage, a clock and the journey's settings; with a <paramref name="cache"/>, warm turns skip the
    /// state read. <paramref name="steps"/> is the journey the person walks (<see cref="JourneySteps.Standard"/> unless a test adds one).
    /// </summary>
    public TrustBotHandler(IStorage storage, TimeProvider clock, JourneyOptions options, IJourneyReports? reports = null, JourneySafety? safety = null, ReminderRules? reminderRules = null, StateCache? cache = null, JourneySteps? steps = null)
    {
        _steps = steps ?? JourneySteps.Standard;
        // Every write of the turn (state and records) goes through the cache's observer so cached rows stay current.
        storage = cache is null ? storage : cache.Observe(storage);
        _storage = storage;
        _clock = clock;
        _options = options;
        _userState = new UserState(storage);
        _conversationState = new ConversationState(storage);
        _profile = _userState.CreateProperty(ProfileStore.Property, JourneyJson.Default.JourneyProfile);
        _lastJoin = _conversationState.CreateProperty("lastJoin", JourneyJson.Default.JoinMark);
        _dialogs = new DialogRunner(
            JourneyDialogs.Create(_steps),
            _conversationState.CreateProperty("dialogs", JourneyJson.Default.DialogState),
            new JourneyInterruptions(reports ?? new JourneyReports()));
        _runner = new StatefulTurnRunner(new BotStateSet(storage, cache, _userState, _conversationState), new TurnLocks(MaxTurnWait, clock), clock);
        _reminderRules = reminderRules ?? ReminderRules.Default;
        _safety = safety ?? new JourneySafety(options, _reminderRules);
        _onMessage = OnMessageAsync; // made once: a method group passed per message is a new delegate each time
    }

    /// <inheritdoc />
    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        switch (activity.Type)
        {
            case ActivityTypes.Message:
                GlobalCommands.RemoveBotMention(activity);
                return _runner.RunAsync(turnContext, _onMessage, cancellationToken);
            case ActivityTypes.ConversationUpdate when IsJoin(activity):
            case ActivityTypes.InstallationUpdate when activity.Action is "add" or "add-upgrade":
                return _runner.RunAsync(turnContext, OnJoinAsync, cancellationToken);
            case ActivityTypes.Invoke when activity.Name == ExportInTeams.InvokeName:
                return _runner.RunAsync(turnContext, OnFileConsentAsync, cancellationToken);
            case ActivityTypes.InstallationUpdate when activity.Action is "remove" or "remove-upgrade":
            case ActivityTypes.ConversationUpdate when IsBotRemoved(activity):
                return _runner.RunAsync(turnContext, OnRemovedAsync, cancellationToken);
            default:
                return Task.CompletedTask;
        }
    }

    /// <summary>Someone other than the bot joined, or the bot was installed (Teams welcomes on install).</summary>
    private static bool IsJoin(Activity activity) =>
        activity.MembersAdded is { Count: > 0 } added
        && (added.Any(m => m.Id != activity.Recipient?.Id) || activity.ChannelId == Channels.Msteams)
        && activity.From?.Id is { Length: > 0 } && activity.From.Id != activity.Recipient?.Id;

    /// <summary>The bot was removed from the conversation (Teams sends this on uninstall).</summary>
    private static bool IsBotRemoved(Activity activity) =>
        activity.MembersRemoved is { Count: > 0 } removed && removed.Any(m => m.Id == activity.Recipient?.Id);

    /// <summary>
    /// Teams announces one install twice, a conversationUpdate adding the bot and an installationUpdate, seconds
    /// apart: for someone with a journey, a join of the other kind this soon after the one answered is that echo.
    /// </summary>
    internal static readonly TimeSpan JoinEchoWindow = TimeSpan.FromMinutes(2);

    private async Task OnJoinAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var journey = await StartJourneyAsync(turn, cancellationToken);
        var known = journey.Profile.Consented == true;
        if (!known || turn.Activity.IsGroupConversation)
        {
            if (!known) _userState.Clear(turn); // an install stores nothing about someone who has not agreed
            // Nothing is stored here to recognise Teams' second announcement of one install by, but every install
            // comes with a conversationUpdate, so that one is answered and the installationUpdate is not.
            if (turn.Activity.Type == ActivityTypes.InstallationUpdate) return;
            if (turn.Activity.IsGroupConversation)
            {
                await turn.SendActivityAsync(GroupChatText, cancellationToken);
                return;
            }
        }
        var lastJoin = await _lastJoin.GetAsync(turn, () => null!, cancellationToken);
        var echo = lastJoin is { } answered && journey.Now - answered.At < JoinEchoWindow && answered.Type != turn.Activity.Type;
        if (!echo) await _lastJoin.SetAsync(turn, new JoinMark { At = journey.Now, Type = turn.Activity.Type }, cancellationToken);
        // Being installed again means the channel takes our messages again.
        journey.Profile.ChannelBlocked = false;
        var dc = await _dialogs.CreateContextAsync(turn, cancellationToken);
        if (dc.ActiveDialog is null)
            await dc.BeginDialogAsync(nameof(MainDialog), new MainDialog.Start(MainDialog.Reason.Join), cancellationToken);
        else if (!echo)
        {
            // A reinstall (or a chat opened again) while a question is open: greet, then ask it again.
            await turn.SendActivityAsync($"Welcome back{NameSuffix(journey.Profile)}. Here is where we left off.", cancellationToken);
            await dc.RepromptDialogAsync(cancellationToken);
        }
        await FinishAsync(turn, journey, cancellationToken);
    }

    /// <summary>
    /// Uninstalled: no more reminders to that conversation, because the channel would refuse them. The person's
    /// data stays (they can come back, or say "delete my data"), and installing again resumes the reminders.
    /// </summary>
    private async Task OnRemovedAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var journey = await StartJourneyAsync(turn, cancellationToken);
        if (journey.Profile.Consented != true)
        {
            _userState.Clear(turn); // nothing is kept about someone who never agreed
            return;
        }
        var reference = turn.Activity.GetConversationReference();
        if (journey.Profile.LastConversationKey is not { } lastUsed
            || !lastUsed.StartsWith($"{reference.ChannelId}|{reference.Conversation?.Id}|", StringComparison.Ordinal)) return;
        journey.Profile.ChannelBlocked = true;
        KeepScheduleCurrent(turn, journey);
        await _profile.SetAsync(turn, journey.Profile, cancellationToken);
    }

    private static readonly JourneyAsides Asides = new();

    /// <summary>The person allowed (or declined) the upload of their data export in Teams.</summary>
    private async Task OnFileConsentAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var journey = await StartJourneyAsync(turn, cancellationToken);
        if (journey.Profile.Consented != true)
        {
            // An old card after "delete my data" (or from someone who never agreed): nothing is stored, nothing is sent.
            _userState.Clear(turn);
            await ExportInTeams.AnswerNothingStoredAsync(turn, cancellationToken);
            return;
        }
        await ExportInTeams.AnswerAsync(turn, ct => JourneyReports.BuildExportAsync(journey, ct), cancellationToken);
    }

    private async Task OnMessageAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var journey = await StartJourneyAsync(turn, cancellationToken);
        turn.Services.Set<IAsideHandler>(Asides);
        var declinedReminder = IsReminderDeclined(turn.Activity, journey);
        NoteInboundMessage(journey);

        var dc = await _dialogs.CreateContextAsync(turn, cancellationToken);
        if (await _safety.TryRespondAsync(turn, journey, dc, cancellationToken))
        {
            await FinishAsync(turn, journey, cancellationToken);
            return;
        }

        if (turn.Activity.IsGroupConversation)
        {
            await turn.SendActivityAsync(GroupChatText, cancellationToken);
            return;
        }

        if (declinedReminder)
        {
            // The open flow (often the menu) stays as it was for the next message.
            await turn.SendActivityAsync(ProactiveMessages.NotTodayReply, cancellationToken);
            await FinishAsync(turn, journey, cancellationToken);
            return;
        }

        var result = await _dialogs.RunAsync(dc, cancellationToken);
        // Nothing open any more: the main dialog decides what starts next.
        if (result.Status == DialogTurnStatus.Empty)
            await dc.BeginDialogAsync(nameof(MainDialog), new MainDialog.Start(MainDialog.Reason.Message), cancellationToken);
        else if (result.Status == DialogTurnStatus.Complete && dc.ActiveDialog is null)
            await dc.BeginDialogAsync(nameof(MainDialog), new MainDialog.Start(MainDialog.Reason.FlowEnded, result.Result), cancellationToken);
        await FinishAsync(turn, journey, cancellationToken);
    }

    private async Task<JourneySession> StartJourneyAsync(ITurnContext turn, CancellationToken cancellationToken)
    {
        var profile = await _profile.GetAsync(turn, () => new JourneyProfile(), cancellationToken);
        var pending = turn.Services.GetRequired<PendingWrites>();
        var journey = new JourneySession(profile, new JourneyRecords(_storage, StateKeys.PersonPartition(turn.Activity), pending, _clock), _clock, _options, _steps);
        turn.Services.Set(journey);
        return journey;
    }

    private async Task FinishAsync(ITurnContext turn, JourneySession journey, CancellationToken cancellationToken)
    {
        if (journey.Erased)
        {
            // Nothing about the person may be written back after "delete my data".
            _userState.Clear(turn);
            _conversationState.Clear(turn);
            return;
        }
        // Without consent only the consent record is kept: no profile, and no dialog position once they said not now.
        if (journey.Profile.Consented != true)
        {
            _userState.Clear(turn);
            // A join (page opened, bot installed) stores nothing either, so silent visitors leave no rows;
            // the welcome's "Yes" then arrives with no dialog open and is read by OnboardingDialog.OptionsForFirstMessage.
            if (journey.Profile.Consented == false || turn.Activity.Type != ActivityTypes.Message) _conversationState.Clear(turn);
            return;
        }
        // A group chat is never where unprompted messages go.
        if (!turn.Activity.IsGroupConversation) RememberConversation(turn, journey);
        KeepScheduleCurrent(turn, journey);
        await _profile.SetAsync(turn, journey.Profile, cancellationToken);
    }

    /// <summary>Keeps the conversation the person last used, for proactive messages; written only when it changes.</summary>
    private static void RememberConversation(ITurnContext turn, JourneySession journey)
    {
        // A service URL no token vouched for (anonymous local mode) is never stored for later reminders.
        if (turn.Services.Get<ServiceUrlVerification>() is { Verified: false }) return;
        if (IsLastConversation(journey.Profile.LastConversationKey, turn.Activity)) return;
        var reference = turn.Activity.GetConversationReference();
        var key = $"{reference.ChannelId}|{reference.Conversation?.Id}|{reference.ServiceUrl}";
        if (journey.Profile.LastConversationKey == key) return;
        journey.Profile.LastConversationKey = key;
        reference.ActivityId = null;
        reference.ServiceUrlVerified = turn.Services.Get<ServiceUrlVerification>()?.Verified ?? false;
        journey.Records.Put(RecordKinds.Reference, reference, JourneyJson.Default.ConversationReference);
    }

    /// <summary>True when <paramref name="key"/> is the key RememberConversation makes for the activity's conversation (checked on every turn, so without building it).</summary>
    private static bool IsLastConversation(string? key, Activity activity)
    {
        if (key is null) return false;
        var rest = key.AsSpan();
        foreach (var part in (ReadOnlySpan<string?>)[activity.ChannelId, activity.Conversation?.Id])
        {
            if (!rest.StartsWith(part) || rest.Length <= (part?.Length ?? 0) || rest[part?.Length ?? 0] != '|') return false;
            rest = rest[((part?.Length ?? 0) + 1)..];
        }
        return rest.SequenceEqual(activity.ServiceUrl);
    }

    /// <summary>"Not today" as the first answer to a check-in reminder sent in the last hours.</summary>
    private static bool IsReminderDeclined(Activity activity, JourneySession journey) =>
        journey.Profile is { LastReminderAt: { } reminded } profile
        && profile.LastProactiveAt == reminded
        && journey.Now - reminded < TimeSpan.FromHours(12)
        && (profile.LastSeenAt is not { } seen || seen < reminded)
        && string.Equals(Recognizers.Normalize(PromptInput.Of(activity)), Recognizers.Normalize(ProactiveMessages.NotTodayButton), StringComparison.Ordinal);

    /// <summary>The person wrote: the channel accepts messages again, and quiet days count from now (hourly precision keeps writes rare).</summary>
    private static void NoteInboundMessage(JourneySession journey)
    {
        journey.Profile.ChannelBlocked = false;
        if (journey.Profile.LastSeenAt is not { } seen || journey.Now - seen >= TimeSpan.FromHours(1) || seen < journey.Profile.LastProactiveAt)
            journey.Profile.LastSeenAt = journey.Now;
    }

    /// <summary>
    /// Moves the person's row in the due-time index when their next proactive message changed; saved with
    /// the turn's state in the same write call, and skipped (no extra write) when the schedule is unchanged.
    /// </summary>
    private void KeepScheduleCurrent(ITurnContext turn, JourneySession journey)
    {
        var writes = DueIndex.Reschedule(journey.Profile, journey.Records.Partition, journey.Now, _reminderRules, deferLater: true);
        if (writes.Count > 0) turn.Services.GetRequired<PendingWrites>().Writes.AddRange(writes);
    }

    private static string NameSuffix(JourneyProfile profile) => string.IsNullOrEmpty(profile.Name) ? "" : ", " + profile.Name;

    /// <summary>What the bot says in group chats and channels, where nothing private may appear.</summary>
    public const string GroupChatText =
        "Hi! I keep everyone's journey private, so I don't do coaching in group conversations. Open a personal chat with me to start or continue yours.";
}

/// <summary>The install announcement the bot last answered in a conversation (to recognise its echo).</summary>
internal sealed class JoinMark
{
    public DateTimeOffset At { get; set; }

    public string? Type { get; set; }
}
