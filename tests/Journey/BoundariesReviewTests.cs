using TrustBot.Journey;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

public sealed class BoundariesReviewTests
{
    private static readonly (string, string)[] Two =
    [
        ("Deleting messages", "We talk it through the same day"),
        ("Staying out without a message", "We take an evening apart"),
    ];

    [Fact]
    public async Task With_no_boundaries_the_review_offers_to_set_some_and_opens_step_3()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("boundaries").AssertReply("You haven't set any boundaries yet. Would you like to set some now?")
            .Send("yes").AssertReplyContains("Step 3 is about clear boundaries").AssertReplyContains("What is one behaviour that is not OK for you?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Declining_to_set_boundaries_returns_to_the_menu()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("boundaries").SkipReplies()
            .Send("no").AssertReplyContains("whenever you're ready").AssertReplyContains("What would you like to do?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Boundaries_button_in_the_menu_lists_them_numbered_with_the_actions()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.SeedBoundariesAsync(Two);
        await h.Flow()
            .Send("menu").SkipReplies()
            .Send("Boundaries")
                .AssertReply(a => a.Text!.Contains("1. Deleting messages → We talk it through the same day") && a.Text.Contains("2. Staying out without a message → We take an evening apart"), "the numbered list")
                .AssertReply(a => TestFlow.ButtonsOf(a).SequenceEqual(["Add one", "Edit one", "Remove one", "Done"]), "the four actions")
            .Send("Done").AssertReplyContains("stay as they are").AssertReplyContains("What would you like to do?")
            .StartTestAsync();
    }

    [Fact]
    public async Task Editing_a_boundary_replaces_its_row_and_keep_leaves_the_consequence()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.SeedBoundariesAsync(Two);
        await h.Flow()
            .Send("boundaries").SkipReplies()
            .Send("Edit one").AssertReplyContains("Which one would you like to edit?")
            .Send("7").AssertReply("Please type a number from 1 to 2.")
            .Send("2").AssertReplyContains("Right now it reads: \"Staying out without a message\"")
            .Send("Coming home after midnight without a message").AssertReplyContains("The consequence reads")
            .Send("keep").AssertReply("Updated.").AssertReplyContains("2. Coming home after midnight without a message → We take an evening apart").SkipReplies()
            .Send("Done").AssertReplyContains("Your boundaries are saved").SkipReplies()
            .StartTestAsync();
        var rows = await h.BoundariesAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(("boundary/0002", "Coming home after midnight without a message", "We take an evening apart"),
            (rows[1].Row, rows[1].Record.Behaviour, rows[1].Record.Consequence));
    }

    [Fact]
    public async Task Removing_and_adding_boundaries_updates_the_rows_and_the_count()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.SeedBoundariesAsync(Two);
        await h.Flow()
            .Send("boundaries").SkipReplies()
            .Send("Remove one").SkipReplies()
            .Send("1").AssertReply("Remove \"Deleting messages\"?")
            .Send("yes").AssertReply("Removed.").AssertReply(a => !a.Text!.Contains("Deleting messages") && a.Text.Contains("1. Staying out"), "the list without it").SkipReplies()
            .Send("Add one").AssertReply("What is the behaviour that is not OK?")
            .Send("Checking each other's phones").AssertReply("And the agreed consequence if it happens?")
            .Send("We say so and talk about what we feel").AssertReply("Added.").AssertReplyContains("2. Checking each other's phones").SkipReplies()
            .Send("done").SkipReplies()
            .StartTestAsync();
        var rows = await h.BoundariesAsync();
        Assert.Equal(["boundary/0002", "boundary/0003"], rows.Select(r => r.Row));
        Assert.Equal(2, (await h.ProfileAsync())!.BoundaryCount);
    }

    [Fact]
    public async Task Unknown_action_is_asked_again()
    {
        var h = new JourneyHarness();
        await h.Onboarded().StartTestAsync();
        await h.SeedBoundariesAsync(Two);
        await h.Flow()
            .Send("boundaries").SkipReplies()
            .Send("sing a song").AssertReply("Choose add, edit, remove, or done.")
            .StartTestAsync();
    }
}
