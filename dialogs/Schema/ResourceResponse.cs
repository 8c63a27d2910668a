namespace TrustBot.Schema;

/// <summary>What a channel returns after a send.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}
