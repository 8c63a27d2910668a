using System.Text.Json.Nodes;
using TrustBot.Dialogs;
using TrustBot.Schema;

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
    public void Teams_personal_chat_with_more_than_three_choices_gets_a_hero_card()
    {
        var a = Render(Incoming(Channels.Msteams, "personal"), 7);
        Assert.Null(a.SuggestedActions);
        var card = Assert.Single(a.Attachments!);
        Assert.Equal(AttachmentContentTypes.HeroCard, card.ContentType);
        Assert.Equal(7, card.Content!["buttons"]!.AsArray().Count);
        Assert.Equal("Pick one", card.Content["text"]!.GetValue<string>());
    }

    [Fact]
    public void Teams_group_chat_never_gets_suggested_actions()
    {
        var a = Render(Incoming(Channels.Msteams, "groupChat"), 2);
        Assert.Null(a.SuggestedActions);
        Assert.Equal(AttachmentContentTypes.HeroCard, Assert.Single(a.Attachments!).ContentType);
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
    public void Hero_card_buttons_are_imback_with_the_title_as_value()
    {
        var a = Render(Incoming(Channels.Msteams, "channel"), 1);
        var button = a.Attachments![0].Content!["buttons"]![0]!.AsObject();
        Assert.Equal(("imBack", "Option 1", "Option 1"), (button["type"]!.GetValue<string>(), button["title"]!.GetValue<string>(), button["value"]!.GetValue<string>()));
    }
}
