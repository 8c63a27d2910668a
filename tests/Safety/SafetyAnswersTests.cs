using TrustBot.Journey;

namespace TrustBot.Tests.Safety;

public sealed class SafetyAnswersTests
{
    [Theory]
    [InlineData("I'm safe", nameof(SafetyAnswer.Safe))]
    [InlineData("I’m safe", nameof(SafetyAnswer.Safe))]
    [InlineData("safety_safe", nameof(SafetyAnswer.Safe))]
    [InlineData("yes im ok", nameof(SafetyAnswer.Safe))]
    [InlineData("im fine now", nameof(SafetyAnswer.Safe))]
    [InlineData("Yeah I'm okay, he left", nameof(SafetyAnswer.Safe))]
    [InlineData("we're all safe", nameof(SafetyAnswer.Safe))]
    [InlineData("safe", nameof(SafetyAnswer.Safe))]
    [InlineData("yes", nameof(SafetyAnswer.Yes))]
    [InlineData("yep", nameof(SafetyAnswer.Yes))]
    [InlineData("I'm not safe", nameof(SafetyAnswer.NotSafe))]
    [InlineData("safety_not_safe", nameof(SafetyAnswer.NotSafe))]
    [InlineData("im not ok", nameof(SafetyAnswer.NotSafe))]
    [InlineData("not really", nameof(SafetyAnswer.NotSafe))]
    [InlineData("idk", nameof(SafetyAnswer.NotSafe))]
    [InlineData("please help me", nameof(SafetyAnswer.NotSafe))]
    [InlineData("no", nameof(SafetyAnswer.No))]
    [InlineData("nope", nameof(SafetyAnswer.No))]
    [InlineData("I can't talk freely", nameof(SafetyAnswer.CantTalk))]
    [InlineData("safety_cant_talk", nameof(SafetyAnswer.CantTalk))]
    [InlineData("i cant talk", nameof(SafetyAnswer.CantTalk))]
    [InlineData("he's here", nameof(SafetyAnswer.CantTalk))]
    [InlineData("hes home now", nameof(SafetyAnswer.CantTalk))]
    [InlineData("I can't call anyone, he's in the next room", nameof(SafetyAnswer.CantTalk))]
    [InlineData("my husband is in the other room", nameof(SafetyAnswer.CantTalk))]
    [InlineData("im safe but she can read this", nameof(SafetyAnswer.CantTalk))]
    [InlineData("ok", nameof(SafetyAnswer.Thanks))]
    [InlineData("thanks!", nameof(SafetyAnswer.Thanks))]
    [InlineData("Thank you", nameof(SafetyAnswer.Thanks))]
    [InlineData("Continue where I was", nameof(SafetyAnswer.Continue))]
    [InlineData("safety_continue", nameof(SafetyAnswer.Continue))]
    [InlineData("ok lets continue", nameof(SafetyAnswer.Continue))]
    [InlineData("take me back", nameof(SafetyAnswer.Continue))]
    [InlineData("begin", nameof(SafetyAnswer.Begin))]
    [InlineData("lets start", nameof(SafetyAnswer.Begin))]
    [InlineData("I'd like to try the program", nameof(SafetyAnswer.Begin))]
    [InlineData("help", nameof(SafetyAnswer.Help))]
    [InlineData("7", nameof(SafetyAnswer.None))]
    [InlineData("Better", nameof(SafetyAnswer.None))]
    [InlineData("weekly", nameof(SafetyAnswer.None))]
    [InlineData("all", nameof(SafetyAnswer.None))]
    [InlineData("", nameof(SafetyAnswer.None))]
    [InlineData(null, nameof(SafetyAnswer.None))]
    public void Answers_are_understood_as_people_type_and_click_them(string? text, string expected) =>
        Assert.Equal(Enum.Parse<SafetyAnswer>(expected), SafetyAnswers.Recognize(text));

    [Fact]
    public void A_number_picks_an_answer_only_when_the_answers_were_shown_as_a_numbered_list()
    {
        Assert.Equal(SafetyAnswer.CantTalk, SafetyAnswers.Recognize("3", [SafetyAnswers.SafeValue, SafetyAnswers.NotSafeValue, SafetyAnswers.CantTalkValue]));
        Assert.Equal(SafetyAnswer.None, SafetyAnswers.Recognize("3"));
        Assert.Equal(SafetyAnswer.None, SafetyAnswers.Recognize("4", [SafetyAnswers.SafeValue]));
    }

    [Fact]
    public void Very_long_text_is_not_an_answer() => Assert.Equal(SafetyAnswer.None, SafetyAnswers.Recognize(new string('a', 10_000)));
}
