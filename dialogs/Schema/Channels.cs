namespace TrustBot.Schema;

public static class Channels
{
    public const string Msteams = "msteams";
    public const string Webchat = "webchat";
    public const string Directline = "directline";
    public const string Emulator = "emulator";
    public const string Test = "test";
}
