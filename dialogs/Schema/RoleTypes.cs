namespace TrustBot.Schema;

public static class RoleTypes
{
    public const string User = "user";
    public const string Bot = "bot";
}
