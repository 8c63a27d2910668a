using System.Text.Json.Nodes;
using TrustBot.Dialogs;
using TrustBot.Schema;
using TrustBot.Testing;

namespace TrustBot.Tests.Dialogs;

public sealed class ChoiceRendererTests
{
    private static Activity Incoming(string channel, string? conversationType = null) => new()
    {
        Type = ActivityTypes.Message,
        ChannelId = channel,
        Conversation = new ConversationAccount { Id = "c", ConversationType = conversationType },
    };

    private static Activity Render(Activity incoming, int count) =>
        ChoiceRenderer.Render(incoming, Activity.CreateMessage("Pick one"), Enumerable.Range(1, count).Select(i => new Choice { Value = $"Option {i}" }).ToList());

    [Fact]
    public void Teams_personal_chat_with_three_choices_gets_suggested_actions()
    {
        var a = Render(Incoming(Channels.Msteams, "personal"), 3);
        Assert.Equal(3, a.SuggestedActions?.Actions.Count);
        Assert.All(a.SuggestedActions!.Actions, x => Assert.Equal(ActionTypes.ImBack, x.Type));
    }

    [Fact]
    public void Teams_personal_chat_with_more_than_three_choices_gets_an_adaptive_card_with_one_submit_button_per_choice()
    {
        var a = Render(Incoming(Channels.Msteams, "personal"), 7);
        Assert.Null(a.SuggestedActions);
        Assert.Null(a.Text);
        var card = Assert.Single(a.Attachments!);
        Assert.Equal(AttachmentContentTypes.AdaptiveCard, card.ContentType);
        Assert.Equal("Pick one", card.Content!["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(["Option 1", "Option 2", "Option 3", "Option 4", "Option 5", "Option 6", "Option 7"], TestFlow.ButtonsOf(a));
        Assert.All(TestFlow.CardButtons(card.Content.AsObject()), b => Assert.Equal("Action.Submit", b["type"]!.GetValue<string>()));
    }

    [Fact]
    public void Teams_group_chat_never_gets_suggested_actions()
    {
        var a = Render(Incoming(Channels.Msteams, "groupChat"), 2);
        Assert.Null(a.SuggestedActions);
        Assert.Equal(AttachmentContentTypes.AdaptiveCard, Assert.Single(a.Attachments!).ContentType);
    }

    [Fact]
    public void Web_chat_gets_suggested_actions_for_many_choices()
    {
        var a = Render(Incoming(Channels.Webchat), 7);
        Assert.Equal(7, a.SuggestedActions?.Actions.Count);
    }

    [Fact]
    public void Unknown_channel_gets_a_numbered_text_list()
    {
        var a = Render(Incoming("sms"), 3);
        Assert.Null(a.SuggestedActions);
        Assert.Null(a.Attachments);
        Assert.Equal("Pick one\n1. Option 1\n2. Option 2\n3. Option 3", a.Text);
    }

    [Fact]
    public void Hero_card_buttons_are_messageback_carrying_the_value_and_showing_the_title()
    {
        var a = ChoiceRenderer.Render(Incoming(Channels.Webchat), Activity.CreateMessage("Where to?"), [new Choice { Value = "continue", Title = "Continue my journey: Step 1: Acknowledge the damage" }], ListStyle.HeroCard);
        var button = a.Attachments![0].Content!["buttons"]![0]!.AsObject();
        Assert.Equal("messageBack", button["type"]!.GetValue<string>());
        Assert.Equal("Continue my journey: Step 1: Acknowledge the damage", button["title"]!.GetValue<string>());
        Assert.Equal("Continue my journey: Step 1: Acknowledge the damage", button["displayText"]!.GetValue<string>());
        Assert.Equal("continue", button["text"]!.GetValue<string>());
        Assert.Equal("continue", button["value"]!["choice"]!.GetValue<string>());
    }

    [Fact]
    public void A_teams_card_button_is_a_submit_showing_the_title_and_carrying_only_the_short_value()
    {
        var a = ChoiceRenderer.Render(Incoming(Channels.Msteams, "channel"), Activity.CreateMessage("Where to?"), [new Choice { Value = "continue", Title = "Continue my journey: Step 1: Acknowledge the damage" }]);
        var button = Assert.Single(TestFlow.CardButtons(a.Attachments![0].Content!.AsObject()));
        Assert.Equal("Action.Submit", button["type"]!.GetValue<string>());
        Assert.Equal("Continue my journey: Step 1: Acknowledge the damage", button["title"]!.GetValue<string>());
        Assert.Equal("""{"choice":"continue"}""", button["data"]!.ToJsonString());
    }

    [Fact]
    public void A_teams_card_click_reads_as_the_choice_however_the_channel_sends_it()
    {
        var a = ChoiceRenderer.Render(Incoming(Channels.Msteams, "personal"), Activity.CreateMessage("Pick"), Enumerable.Range(1, 5).Select(i => new Choice { Value = $"Option {i}", Id = $"o{i}" }).ToList());
        var data = TestFlow.CardButtons(a.Attachments![0].Content!.AsObject()).Last()["data"];
        // Teams and the Agents Playground: the data object as value, no text.
        var click = TrustBot.Tests.Understanding.OfferedButton.TeamsSubmit(data!.DeepClone(), "Option 5");
        Assert.Null(click.Text);
        Assert.Equal("o5", PromptInput.Of(click));
        // A messageBack whose value arrives as JSON text, which Teams allows too.
        var asText = new Activity { Type = ActivityTypes.Message, Text = "o5", Value = JsonValue.Create("""{"choice":"o5"}""") };
        Assert.Equal("o5", PromptInput.Of(asText));
    }

    [Theory]
    [InlineData(Channels.Webchat)]
    [InlineData(Channels.Emulator)]
    [InlineData(Channels.Msteams)]
    public void Suggested_actions_send_the_short_value_not_the_long_title(string channel)
    {
        var a = ChoiceRenderer.Render(Incoming(channel, "personal"), Activity.CreateMessage("Where to?"), [new Choice { Value = "continue", Title = "Continue my journey: Step 1: Acknowledge the damage" }]);
        var action = Assert.Single(a.SuggestedActions!.Actions);
        Assert.Equal((ActionTypes.ImBack, "Continue my journey: Step 1: Acknowledge the damage", "continue"), (action.Type, action.Title, action.Value!.GetValue<string>()));
    }

    [Fact]
    public void A_choice_with_an_id_sends_the_id()
    {
        var a = ChoiceRenderer.Render(Incoming(Channels.Webchat), Activity.CreateMessage("?"), [new Choice { Value = "I am, not sure about my partner", Id = "me-only" }]);
        Assert.Equal("me-only", a.SuggestedActions!.Actions[0].Value!.GetValue<string>());
    }

    [Fact]
    public void A_card_submit_value_is_read_before_the_text()
    {
        var submit = new Activity { Type = ActivityTypes.Message, Text = "Continue my journey", Value = new JsonObject { ["choice"] = "continue" } };
        Assert.Equal("continue", PromptInput.Of(submit));
        Assert.Equal("typed", PromptInput.Of(new Activity { Type = ActivityTypes.Message, Text = " typed " }));
        Assert.Equal("7", PromptInput.Of(new Activity { Type = ActivityTypes.Message, Value = new JsonObject { ["answer"] = "7" } }));
    }
}
