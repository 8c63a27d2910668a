using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace TrustBot.Tests.Teams;

[Trait(Tier.Name, Tier.Integration)]
public sealed class TeamsPackageTests
{
    private static (int Width, int Height, byte ColourType) PngHeader(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)), bytes[25]);
    }

    [Fact]
    public void Manifest_declares_one_bot_in_personal_and_group_scopes_with_the_icons()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "teams", "manifest.template.json")))!;
        Assert.Equal("1.22", manifest["manifestVersion"]!.GetValue<string>());
        var bot = Assert.Single(manifest["bots"]!.AsArray())!;
        Assert.Equal("${MICROSOFT_APP_ID}", bot["botId"]!.GetValue<string>());
        Assert.Contains("personal", bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.True(bot["supportsFiles"]!.GetValue<bool>(), "the data export in Teams needs file consent cards, which need supportsFiles");
        Assert.Equal(("color.png", "outline.png"), (manifest["icons"]!["color"]!.GetValue<string>(), manifest["icons"]!["outline"]!.GetValue<string>()));
        Assert.True(manifest["name"]!["short"]!.GetValue<string>().Length <= 30);
        Assert.True(manifest["description"]!["short"]!.GetValue<string>().Length <= 80);
    }

    /// <summary>Runs scripts/validate-teams-manifest.js (Microsoft's schema from npm @microsoft/app-manifest, checked with ajv).</summary>
    private static async Task<(int ExitCode, string Output)> ValidateAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "scripts", "validate-teams-manifest.js"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (node.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task The_manifest_validates_against_microsofts_published_schema_of_its_manifest_version()
    {
        var (exitCode, output) = await ValidateAsync();
        Assert.True(exitCode == 0, output);
        Assert.Contains("validates against the Teams v1.22 schema", output);
    }

    [Fact]
    public async Task A_manifest_that_breaks_the_schema_fails_validation_with_each_error_named()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "teams", "manifest.template.json")).Replace("${MICROSOFT_APP_ID}", "00000000-0000-0000-0000-000000000001"))!;
        manifest["bots"]![0]!["scopes"]!.AsArray().Add("everywhere");
        manifest["colour"] = "red";
        var file = Path.Combine(Path.GetTempPath(), $"trustbot-manifest-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, manifest.ToJsonString());
        try
        {
            var (exitCode, output) = await ValidateAsync(file);
            Assert.Equal(1, exitCode);
            Assert.Contains("\"additionalProperty\":\"colour\"", output);
            Assert.Contains("/bots/0/scopes/", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Icons_have_the_sizes_teams_requires()
    {
        var color = PngHeader(Path.Combine(Repository.Root, "teams", "color.png"));
        Assert.Equal((192, 192), (color.Width, color.Height));
        var outline = PngHeader(Path.Combine(Repository.Root, "teams", "outline.png"));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(6, outline.ColourType); // RGBA: the outline icon must be transparent
    }
}
