namespace TrustBot.Tests;

/// <summary>
/// The test tiers, as an xunit trait: <c>[Trait(Tier.Name, Tier.Integration)]</c>. Tests without the trait are the unit
/// and conversation tier (in process, no other program). <c>./test.sh unit|integration|browser</c> runs one tier.
/// </summary>
internal static class Tier
{
    public const string Name = "Tier";

    /// <summary>Needs Azurite, another program (dotnet publish, the Bicep compiler, node) or a socket to a stand-in service.</summary>
    public const string Integration = "Integration";

    /// <summary>Drives Chromium or a node client against a bot on a loopback port.</summary>
    public const string Browser = "Browser";
}
