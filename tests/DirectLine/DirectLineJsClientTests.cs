using System.Diagnostics;
using System.Text.Json.Nodes;
using TrustBot.Tests.WebChat;

namespace TrustBot.Tests.DirectLine;

/// <summary>The official Direct Line client library (botframework-directlinejs, in node) against the local endpoint.</summary>
[Trait(Tier.Name, Tier.Browser)]
[Collection(LiveBotCollection.Name)]
public sealed class DirectLineJsClientTests(LiveBot bot)
{
    [Fact]
    public async Task The_botframework_directlinejs_client_completes_the_first_onboarding_turns()
    {
        var root = LiveBot.RepositoryRoot;
        Assert.True(Directory.Exists(Path.Combine(root, "node_modules", "botframework-directlinejs")), "node_modules is missing: run 'npm ci' in the repository root, as ./test.sh does.");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(root, "tests", "DirectLine", "directline-client.js"), bot.BaseUrl, ExpectedBot.WelcomeContains, ExpectedBot.ConsentYes, ExpectedBot.AskNameContains })
            start.ArgumentList.Add(arg);

        using var node = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = node.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = node.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await stderr}");
        var result = JsonNode.Parse(await stdout)!;
        var userId = result["userId"]!.GetValue<string>();
        Assert.Matches("^dl_[0-9a-f]{32}$", userId);
        Assert.All(result["echoFromIds"]!.AsArray(), id => Assert.Equal(userId, id!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(result["replyToName"]?.GetValue<string>()));
    }
}
