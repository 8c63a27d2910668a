namespace TrustBot.Schema;

internal static class TextFormats
{
    public const string Plain = "plain";
    public const string Markdown = "markdown";
}
