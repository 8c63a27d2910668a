namespace TrustBot.Schema;

internal static class AttachmentContentTypes
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    public const string HeroCard = "application/vnd.microsoft.card.hero";
    public const string Json = "application/json";
    public const string Png = "image/png";
}
