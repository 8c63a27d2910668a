using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TrustBot.Safety;
using TrustBot.Safety.Meaning;
using TrustBot.Tests.Http;

namespace TrustBot.Tests.Safety;

/// <summary>The real host when the model cannot be loaded, or is switched off: the bot still answers, the phrase rules
/// still catch danger, and /healthz says degraded (200).</summary>
public sealed class MeaningLayerHostTests
{
    [Fact]
    public async Task When_the_model_is_missing_the_bot_still_answers_with_the_phrase_rules_and_health_is_degraded()
    {
        var missing = new MiniLmMeaningClassifier(
            () => throw new FileNotFoundException("model.onnx is missing"), TrustBot.Safety.Meaning.MeaningModel.LoadEmbedded);
        await using var factory = new TrustBotFactory().WithWebHostBuilder(b =>
            b.ConfigureTestServices(services => services.AddSingleton<IMeaningClassifier>(missing)));
        using var client = factory.CreateClient();

        var reply = await SendAsync(client, "hi");
        Assert.NotEmpty(reply);

        await missing.StartLoading();
        Assert.Equal(MeaningStatus.Failed, missing.Status);
        var crisis = await SendAsync(client, "my husband hits me when hes drunk");
        Assert.Contains(crisis, t => t.Contains("988", StringComparison.Ordinal)); // the crisis lines for en-US

        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Switched_off_by_configuration_the_host_answers_and_reports_degraded()
    {
        await using var factory = new TrustBotFactory(new Dictionary<string, string?> { ["Safety:Meaning:Enabled"] = "false" });
        using var client = factory.CreateClient();

        Assert.IsType<LayeredSafetyDetector>(factory.Services.GetRequiredService<ISafetyDetector>());
        Assert.Equal(MeaningStatus.Off, factory.Services.GetRequiredService<IMeaningClassifier>().Status);
        Assert.NotEmpty(await SendAsync(client, "hi"));
        using var health = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Degraded", await health.Content.ReadAsStringAsync());
    }

    private static async Task<List<string>> SendAsync(HttpClient client, string text)
    {
        var activity = Activities.Message();
        activity.Text = text;
        using var response = await Activities.PostAsync(client, activity);
        var replies = await Activities.ReadRepliesAsync(response);
        return [.. replies.Activities.Select(a => a.Text ?? "")];
    }
}
