using Microsoft.Extensions.DependencyInjection;
using TrustBot.Safety;
using TrustBot.Safety.Meaning;
using TrustBot.Tests.Http;

namespace TrustBot.Tests.Safety;

/// <summary>Test hosts leave the MiniLM model alone unless a test asks for it (see <see cref="TestHostDefaults"/>).</summary>
public sealed class MeaningLayerInTestHostsTests
{
    [Fact]
    public async Task A_test_host_runs_the_phrase_rules_alone_by_default()
    {
        await using var factory = new TrustBotFactory();

        Assert.Equal(MeaningStatus.Off, factory.Services.GetRequiredService<IMeaningClassifier>().Status);
    }

    [Fact]
    public async Task A_test_that_turns_the_meaning_layer_on_gets_the_shared_model()
    {
        await using var factory = new TrustBotFactory(new Dictionary<string, string?> { ["Safety:Meaning:Enabled"] = "true" });

        Assert.Same(MiniLmMeaningClassifier.Shared, factory.Services.GetRequiredService<IMeaningClassifier>());
    }
}
