using TrustBot.Journey;

namespace TrustBot.Tests.Safety;

public sealed class SafetyAnswersTests
{
    [Theory]
    [InlineData("I'm safe", SafetyAnswer.Safe)]
    [InlineData("I’m safe", SafetyAnswer.Safe)]
    [InlineData("safety_safe", SafetyAnswer.Safe)]
    [InlineData("yes im ok", SafetyAnswer.Safe)]
    [InlineData("im fine now", SafetyAnswer.Safe)]
    [InlineData("Yeah I'm okay, he left", SafetyAnswer.Safe)]
    [InlineData("we're all safe", SafetyAnswer.Safe)]
    [InlineData("safe", SafetyAnswer.Safe)]
    [InlineData("yes", SafetyAnswer.Yes)]
    [InlineData("yep", SafetyAnswer.Yes)]
    [InlineData("I'm not safe", SafetyAnswer.NotSafe)]
    [InlineData("safety_not_safe", SafetyAnswer.NotSafe)]
    [InlineData("im not ok", SafetyAnswer.NotSafe)]
    [InlineData("not really", SafetyAnswer.NotSafe)]
    [InlineData("idk", SafetyAnswer.NotSafe)]
    [InlineData("please help me", SafetyAnswer.NotSafe)]
    [InlineData("no", SafetyAnswer.No)]
    [InlineData("nope", SafetyAnswer.No)]
    [InlineData("I can't talk freely", SafetyAnswer.CantTalk)]
    [InlineData("safety_cant_talk", SafetyAnswer.CantTalk)]
    [InlineData("i cant talk", SafetyAnswer.CantTalk)]
    [InlineData("he's here", SafetyAnswer.CantTalk)]
    [InlineData("hes home now", SafetyAnswer.CantTalk)]
    [InlineData("I can't call anyone, he's in the next room", SafetyAnswer.CantTalk)]
    [InlineData("my husband is in the other room", SafetyAnswer.CantTalk)]
    [InlineData("im safe but she can read this", SafetyAnswer.CantTalk)]
    [InlineData("ok", SafetyAnswer.Thanks)]
    [InlineData("thanks!", SafetyAnswer.Thanks)]
    [InlineData("Thank you", SafetyAnswer.Thanks)]
    [InlineData("Continue where I was", SafetyAnswer.Continue)]
    [InlineData("safety_continue", SafetyAnswer.Continue)]
    [InlineData("ok lets continue", SafetyAnswer.Continue)]
    [InlineData("take me back", SafetyAnswer.Continue)]
    [InlineData("begin", SafetyAnswer.Begin)]
    [InlineData("lets start", SafetyAnswer.Begin)]
    [InlineData("I'd like to try the program", SafetyAnswer.Begin)]
    [InlineData("help", SafetyAnswer.Help)]
    [InlineData("7", SafetyAnswer.None)]
    [InlineData("Better", SafetyAnswer.None)]
    [InlineData("weekly", SafetyAnswer.None)]
    [InlineData("all", SafetyAnswer.None)]
    [InlineData("", SafetyAnswer.None)]
    [InlineData(null, SafetyAnswer.None)]
    public void Answers_are_understood_as_people_type_and_click_them(string? text, SafetyAnswer expected) =>
        Assert.Equal(expected, SafetyAnswers.Recognize(text));

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
