namespace TrustBot.Journey;

/// <summary>A flow result that asks for another flow to start when it ends (e.g. onboarding → step 1).</summary>
internal interface IFollowUp
{
    /// <summary>The dialog to start next, or null for the menu.</summary>
    string? FollowUpDialogId { get; }

    /// <summary>Options for the follow-up dialog.</summary>
    object? FollowUpOptions => null;
}

/// <summary>A flow's result that only names what to start next.</summary>
internal sealed class FollowUp : IFollowUp
{
    /// <inheritdoc />
    public string? FollowUpDialogId { get; init; }

    /// <inheritdoc />
    public object? FollowUpOptions { get; init; }
}
