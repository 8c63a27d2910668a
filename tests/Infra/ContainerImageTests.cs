using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TrustBot.Tests.Infra;

/// <summary>
/// Images cannot be pulled or built here, so this checks what can be: the Dockerfile's stages, its
/// non-root user, and that <c>dotnet publish</c> yields everything the runtime stage runs.
/// </summary>
[Trait(Tier.Name, Tier.Integration)]
public sealed partial class ContainerImageTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "Dockerfile"));

    [Fact]
    public void The_image_is_built_in_stages_and_runs_as_a_non_root_user()
    {
        var stages = FromLine().Matches(Dockerfile).Select(m => m.Groups["image"].Value).ToList();
        Assert.True(stages.Count >= 3, "expected a node stage, an SDK stage and a runtime stage");
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", stages[^1], StringComparison.Ordinal);
        var user = Assert.Single(UserLine().Matches(Dockerfile)).Groups["user"].Value;
        Assert.DoesNotMatch("^(root|0)$", user);

        // Every file the build stages copy from the repository exists.
        foreach (Match copy in CopyLine().Matches(Dockerfile))
            foreach (var source in copy.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                Assert.True(File.Exists(Path.Combine(Repository.Root, source)) || Directory.Exists(Path.Combine(Repository.Root, source)), $"the Dockerfile copies {source}, which is missing");
    }

    [Fact]
    public async Task Publish_output_holds_what_the_runtime_stage_runs_and_serves()
    {
        var output = Directory.CreateTempSubdirectory("trustbot-publish-");
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "publish", "bot/TrustBot.Bot.csproj", "-c", "Release", "--no-build", "-nologo", "-v", "quiet", "-o", output.FullName })
                start.ArgumentList.Add(argument);
            using var publish = Process.Start(start)!;
            var log = publish.StandardOutput.ReadToEndAsync();
            var errors = await publish.StandardError.ReadToEndAsync();
            await publish.WaitForExitAsync();
            Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await log}\n{errors}");

            var entryPoint = EntryPoint().Match(Dockerfile).Groups["dll"].Value;
            Assert.Equal("TrustBot.Bot.dll", entryPoint);
            Assert.True(File.Exists(Path.Combine(output.FullName, entryPoint)));
            Assert.True(File.Exists(Path.Combine(output.FullName, "appsettings.json")));
            Assert.True(File.Exists(Path.Combine(output.FullName, "TrustBot.Bot.runtimeconfig.json")));
            var webChat = new FileInfo(Path.Combine(output.FullName, "webchat", "webchat.js"));
            Assert.True(webChat.Exists && webChat.Length > 100_000, "the Web Chat bundle is missing from the published output");
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"^FROM\s+(?<image>\S+)", RegexOptions.Multiline)]
    private static partial Regex FromLine();

    [GeneratedRegex(@"^USER\s+(?<user>\S+)", RegexOptions.Multiline)]
    private static partial Regex UserLine();

    [GeneratedRegex(@"^COPY\s+(?!--from)(?<sources>.+)\s+\S+$", RegexOptions.Multiline)]
    private static partial Regex CopyLine();

    [GeneratedRegex(@"^ENTRYPOINT\s+\[""dotnet"",\s*""(?<dll>[^""]+)""\]", RegexOptions.Multiline)]
    private static partial Regex EntryPoint();
}
