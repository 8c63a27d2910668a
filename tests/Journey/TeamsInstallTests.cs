using TrustBot.Journey;
using TrustBot.Schema;

namespace TrustBot.Tests.Journey;

/// <summary>Installing, reinstalling and uninstalling TrustBot in a Teams personal chat.</summary>
public sealed class TeamsInstallTests
{
    private static Activity Installation(string action) => new() { Type = ActivityTypes.InstallationUpdate, Action = action };

    [Fact]
    public async Task First_install_welcomes_once_although_teams_announces_it_twice()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Flow()
            .SendConversationUpdate(botAdded: true).AssertReplyContains("Hi, I'm TrustBot").AssertReply("Would you like to begin?")
            .Send(Installation("add")).AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Reinstalling_while_a_question_is_open_says_welcome_back_and_asks_it_again()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Flow()
            .SendConversationUpdate(botAdded: true).SkipReplies()
            .Send("yes").AssertReply("Thank you. What should I call you?")
            .Do(() => { h.Clock.Advance(TimeSpan.FromDays(2)); return Task.CompletedTask; })
            .Send(Installation("add")).AssertReply("Welcome back. Here is where we left off.").AssertReply("Thank you. What should I call you?")
            .Send("robin").AssertReplyContains("Nice to meet you, Robin")
            .StartTestAsync();
    }

    [Fact]
    public async Task Opening_the_chat_again_after_onboarding_greets_by_name_and_repeats_the_menu_question()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Onboarded().StartTestAsync();
        var menuQuestion = h.Adapter.Sent[^1];
        h.Clock.Advance(TimeSpan.FromHours(5));
        await h.Flow()
            .SendConversationUpdate(botAdded: true).AssertReply("Welcome back, Sam. Here is where we left off.")
            .AssertReply(a => a.Text == menuQuestion.Text && Testing.TestFlow.ButtonsOf(a).SequenceEqual(Testing.TestFlow.ButtonsOf(menuQuestion)), "the menu question again with its buttons")
            .AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Uninstalling_stops_reminders_but_keeps_the_journey_and_installing_again_resumes_them()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Onboarded().Send("check in").SkipReplies().StartTestAsync();
        var rowsBefore = await h.RowCountAsync();
        Assert.NotNull((await h.ProfileAsync())!.ScheduledDueKey);

        await h.Flow().Send(Installation("remove")).AssertNoReply().StartTestAsync();

        var removed = (await h.ProfileAsync())!;
        Assert.True(removed.ChannelBlocked);
        Assert.Null(removed.ScheduledDueKey);
        Assert.Equal("Sam", removed.Name);
        Assert.Equal(rowsBefore, await h.RowCountAsync());

        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Flow().Send(Installation("add")).AssertReplyContains("Welcome back, Sam").SkipReplies().StartTestAsync();
        var back = (await h.ProfileAsync())!;
        Assert.False(back.ChannelBlocked);
        Assert.NotNull(back.ScheduledDueKey);
    }

    [Fact]
    public async Task An_add_upgrade_while_a_question_is_open_is_an_install_it_says_welcome_back_and_asks_again()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Flow()
            .SendConversationUpdate(botAdded: true).SkipReplies()
            .Send("yes").AssertReply("Thank you. What should I call you?")
            .Do(() => { h.Clock.Advance(TimeSpan.FromDays(1)); return Task.CompletedTask; })
            .Send(Installation("add-upgrade")).AssertReply("Welcome back. Here is where we left off.").AssertReply("Thank you. What should I call you?")
            .Send("robin").AssertReplyContains("Nice to meet you, Robin")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_remove_upgrade_is_a_removal_reminders_stop_the_journey_stays_and_an_add_upgrade_resumes_them()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Onboarded().Send("check in").SkipReplies().StartTestAsync();

        await h.Flow().Send(Installation("remove-upgrade")).AssertNoReply().StartTestAsync();

        var removed = (await h.ProfileAsync())!;
        Assert.True(removed.ChannelBlocked);
        Assert.Null(removed.ScheduledDueKey);
        Assert.Equal("Sam", removed.Name);

        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Flow().Send(Installation("add-upgrade")).AssertReplyContains("Welcome back, Sam").SkipReplies().StartTestAsync();
        var back = (await h.ProfileAsync())!;
        Assert.False(back.ChannelBlocked);
        Assert.NotNull(back.ScheduledDueKey);
    }

    [Fact]
    public async Task Uninstalling_a_group_chat_leaves_the_persons_reminders_alone()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Onboarded().StartTestAsync();
        var group = new ConversationAccount { Id = "19:group@thread.v2", IsGroup = true, ConversationType = "groupChat" };
        await h.Flow().Send(new Activity { Type = ActivityTypes.InstallationUpdate, Action = "remove", Conversation = group }).AssertNoReply().StartTestAsync();
        Assert.False((await h.ProfileAsync())!.ChannelBlocked);
    }

    [Fact]
    public async Task Adding_the_bot_to_a_group_chat_says_once_that_coaching_happens_in_personal_chat_and_stores_nothing_about_the_installer()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        h.Adapter.Conversation.Conversation = new ConversationAccount { Id = "19:group@thread.v2", IsGroup = true, ConversationType = "groupChat" };
        await h.Flow()
            .SendConversationUpdate(botAdded: true).AssertReply(TrustBotHandler.GroupChatText)
            .Send(Installation("add")).AssertNoReply()
            .StartTestAsync();
        Assert.Null(await h.ProfileAsync());
    }

    [Fact]
    public async Task A_second_pair_of_install_announcements_seconds_later_is_a_return_and_gets_the_question_again()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Flow()
            .SendConversationUpdate(botAdded: true).SkipReplies()
            .Send(Installation("add")).AssertNoReply()
            .Send("yes").AssertReply("Thank you. What should I call you?")
            .Do(() => { h.Clock.Advance(TimeSpan.FromSeconds(20)); return Task.CompletedTask; })
            .SendConversationUpdate(botAdded: true).AssertReply("Welcome back. Here is where we left off.").AssertReply("Thank you. What should I call you?")
            .Send(Installation("add")).AssertNoReply()
            .StartTestAsync();
    }

    [Fact]
    public async Task Before_consent_an_install_stores_nothing_and_opening_the_chat_again_welcomes_afresh()
    {
        var h = new JourneyHarness(channelId: Channels.Msteams);
        await h.Flow()
            .SendConversationUpdate(botAdded: true).AssertReplyContains("Hi, I'm TrustBot").AssertReply("Would you like to begin?")
            .Send(Installation("add")).AssertNoReply()
            .SendConversationUpdate(botAdded: true).AssertReplyContains("Hi, I'm TrustBot").AssertReply("Would you like to begin?")
            .StartTestAsync();
        Assert.Equal(0, await h.RowCountAsync());
    }
}
