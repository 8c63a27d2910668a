using TrustBot.Dialogs;
using TrustBot.Tests.Journey;

namespace TrustBot.Tests.Understanding;

/// <summary>How people answer "What should I call you?": with a lead-in, in lower case, in a sentence that goes on.</summary>
public sealed class NameAnswerTests
{
    [Theory]
    [InlineData("Sam", "Sam")]
    [InlineData("robin", "Robin")]
    [InlineData("mary jane", "Mary Jane")]
    [InlineData("i'm sam", "Sam")]
    [InlineData("im sam", "Sam")]
    [InlineData("I’m Sam", "Sam")]
    [InlineData("I am Priya", "Priya")]
    [InlineData("its jamie", "Jamie")]
    [InlineData("It's Dani", "Dani")]
    [InlineData("my name is Alex", "Alex")]
    [InlineData("my names tom", "Tom")]
    [InlineData("My name's Jo.", "Jo")]
    [InlineData("name is chris", "Chris")]
    [InlineData("call me mo", "Mo")]
    [InlineData("you can call me Bee", "Bee")]
    [InlineData("just call me J", "J")]
    [InlineData("hi, I'm Lena", "Lena")]
    [InlineData("hey im kai!", "Kai")]
    [InlineData("hello my name is Ana and I need help", "Ana")]
    [InlineData("Dani, my husband suggested this", "Dani")]
    [InlineData("this is Rosa", "Rosa")]
    [InlineData("McKenzie", "McKenzie")]
    [InlineData("DJ", "DJ")]
    [InlineData("sam here", "Sam")]
    [InlineData("jo thanks", "Jo")]
    // Tried on the running bot after the rule above was written; these came out wrong at first and were fixed.
    [InlineData("Sam :)", "Sam")]
    [InlineData("i go by sam", "Sam")]
    [InlineData("they call me sam", "Sam")]
    [InlineData("sam is fine", "Sam")]
    [InlineData("Mr. Smith", "Mr. Smith")]
    [InlineData("just sam", "Sam")]
    // ... and these were right the first time.
    [InlineData("sam lol", "Sam")]
    [InlineData("it’s sam", "Sam")]
    [InlineData("Hi! I'm Sam.", "Sam")]
    [InlineData("samantha but sam is fine", "Samantha")]
    [InlineData("Sam x", "Sam")]
    [InlineData("sam..", "Sam")]
    [InlineData("o'brien", "O'brien")]
    [InlineData("Jean-Luc", "Jean-Luc")]
    public void The_name_is_what_is_left_after_the_words_around_it(string typed, string name) =>
        Assert.Equal(name, Recognizers.PersonName(typed));

    [Theory]
    [InlineData("I'm not comfortable sharing that")]
    [InlineData("im not sure")]
    [InlineData("i'm fine")]
    [InlineData("it's not important")]
    [InlineData("no")]
    [InlineData("nope")]
    public void Words_after_i_am_that_are_not_a_name_give_no_name(string typed) =>
        Assert.Null(Recognizers.PersonName(typed));

    [Theory]
    [InlineData("i'm sam", "Nice to meet you, Sam.")]
    [InlineData("my name is Alex", "Nice to meet you, Alex.")]
    [InlineData("its jamie", "Nice to meet you, Jamie.")]
    [InlineData("call me mo", "Nice to meet you, Mo.")]
    public async Task Onboarding_greets_the_person_by_their_name_not_by_their_sentence(string typed, string greeting)
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies()
            .Send("yes").AssertReply("Thank you. What should I call you?")
            .Send(typed).AssertReplyContains(greeting)
            .StartTestAsync();
    }

    [Fact]
    public async Task Im_not_comfortable_saying_at_the_name_question_is_taken_as_no_name()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies()
            .Send("yes").AssertReply("Thank you. What should I call you?")
            .Send("I'm not comfortable sharing that").AssertReply("That's fine, you don't need to give me a name.")
            .StartTestAsync();
    }

    [Fact]
    public async Task A_name_changed_in_settings_is_read_the_same_way()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("change my name").SkipReplies()
            .Send("call me Bee").AssertReplyContains("Done. I'll call you Bee.")
            .StartTestAsync();
        Assert.Equal("Bee", (await h.ProfileAsync())!.Name);
    }
}
