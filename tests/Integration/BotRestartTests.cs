using TrustBot.Tests.Storage;

namespace TrustBot.Tests.Integration;

/// <summary>The bot keeps no state in memory between turns: a new process continues from the tables.</summary>
[Collection(AzuriteCollection.Name)]
[Trait(Tier.Name, Tier.Integration)]
public sealed class BotRestartTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task State_survives_a_bot_restart()
    {
        var prefix = AzuriteFixture.NewTablePrefix();
        var person = new Person("29:restart", "restart-chat");

        await using (var before = new IntegrationBot(azurite.ConnectionString, prefix))
        {
            using var client = before.CreateClient();
            await person.SayAsync(client, "hi");
            await person.SayAsync(client, "Yes");
            var asked = await person.SayAsync(client, "Sam");
            Assert.Contains(asked, r => r.Contains("Nice to meet you, Sam", StringComparison.Ordinal));
        }

        await using var after = new IntegrationBot(azurite.ConnectionString, prefix);
        using var next = after.CreateClient();
        var replies = await next.GetAsync("/healthz");
        Assert.Equal(System.Net.HttpStatusCode.OK, replies.StatusCode);
        var answer = await person.SayAsync(next, "I was hurt");
        Assert.Contains(answer, r => r.Contains("What broke the trust?", StringComparison.Ordinal));
        Assert.DoesNotContain(answer, r => r.Contains("not a therapist", StringComparison.Ordinal));
    }
}
