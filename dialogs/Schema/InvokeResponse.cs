using System.Text.Json.Nodes;

namespace TrustBot.Schema;

/// <summary>The synchronous answer to an invoke activity.</summary>
public sealed class InvokeResponse
{
    public int Status { get; set; }
    public JsonNode? Body { get; set; }
}
