using System.Text.Json.Nodes;
using TrustBot.Schema;
using TrustBot.Tests.Journey;

namespace TrustBot.Tests.Understanding;

/// <summary>The menu's main button, clicked as each channel sends it (issue 9, item 1).</summary>
public sealed class ButtonValueTests
{
    [Theory]
    [InlineData(Channels.Webchat)]
    [InlineData(Channels.Emulator)]
    [InlineData(Channels.Msteams)]
    public async Task Continue_my_journey_button_opens_step_1_in_every_channel(string channel)
    {
        var h = new JourneyHarness(channelId: channel);
        await h.Onboarded().Send("menu").SkipReplies().StartTestAsync();
        var menu = h.Adapter.Sent[^1];
        var button = Assert.Single(OfferedButton.Of(menu), b => b.Title.StartsWith("Continue my journey", StringComparison.Ordinal));
        Assert.Equal("Continue my journey: Step 1: Acknowledge the damage", button.Title);

        await h.Flow().Send(button.Click(), $"user clicks: {button.Title}")
            .AssertReplyContains("Step 1 is about").AssertReplyContains("write what happened")
            .StartTestAsync();
    }

    [Fact]
    public async Task The_long_menu_title_typed_or_pasted_in_full_also_opens_the_step()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("Continue my journey: Step 1: Acknowledge the damage").AssertReplyContains("Step 1 is about")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_card_submit_with_only_a_value_is_understood_by_commands()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .SendSubmit(new JsonObject { ["choice"] = "check in" }).AssertReplyContains("trust")
            .StartTestAsync();
    }
}
