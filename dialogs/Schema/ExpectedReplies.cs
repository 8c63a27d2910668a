namespace TrustBot.Schema;

/// <summary>The body returned for <c>deliveryMode: expectReplies</c>.</summary>
public sealed class ExpectedReplies
{
    public List<Activity> Activities { get; set; } = [];
}
