using System.Text.Json.Serialization;
using TrustBot.Dialogs;
using TrustBot.State;
using TrustBot.Turns;

namespace TrustBot.Tests.Dialogs;

/// <summary>
/// A minimal bot over the real engine and state classes: loads state once per turn, lets an
/// optional interruption act first, continues the active dialog, and starts the root dialog
/// when nothing is active (the root dialog).
/// </summary>
internal sealed class DialogTestBot : IBot
{
    private readonly Dialog _root;
    private readonly StatefulTurnRunner _runner;
    private readonly DialogRunner _dialogs;

    public DialogTestBot(IStorage storage, Dialog root, IInterruptionHandler? interruptions = null, params Dialog[] others)
    {
        Storage = storage;
        _root = root;
        var conversation = new ConversationState(storage);
        var user = new UserState(storage);
        var set = new DialogSet().Add(root);
        foreach (var d in others) set.Add(d);
        _dialogs = new DialogRunner(set, conversation.CreateProperty("dialogs", TestJson.Default.DialogState), interruptions);
        _runner = new StatefulTurnRunner(new BotStateSet(storage, user, conversation));
    }

    public IStorage Storage { get; }

    public List<object?> Results { get; } = [];

    public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        _runner.RunAsync(turnContext, async (turn, ct) =>
        {
            var (result, dc) = await _dialogs.RunAsync(turn, ct);
            if (result.Status == DialogTurnStatus.Complete) Results.Add(result.Result);
            if (result.Status == DialogTurnStatus.Empty) await dc.BeginDialogAsync(_root.Id, null, ct);
        }, cancellationToken);
}

internal sealed class ProfileData
{
    public string? Name { get; set; }
    public int? Rating { get; set; }
    public bool? Agreed { get; set; }
    public int Loops { get; set; }
}

[JsonSerializable(typeof(DialogState))]
[JsonSerializable(typeof(ProfileData))]
internal sealed partial class TestJson : JsonSerializerContext
{
}
