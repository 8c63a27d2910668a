using TrustBot.Journey.Steps;

namespace TrustBot.Tests.Journey;

public sealed class BlameCheckTests
{
    [Theory]
    [InlineData("I feel ignored because you always pick your phone over me", "you always")]
    [InlineData("I feel alone when you never ask about my day", "you never")]
    [InlineData("I feel angry because this is your fault", "your fault")]
    [InlineData("I feel small when you made me apologise in front of them", "you made me")]
    [InlineData("I feel tense because you're always late", "you're always")]
    [InlineData("I feel sad that you are never home", "you are never")]
    [InlineData("It's all your fault that I feel this way", "all your fault")]
    [InlineData("You make me feel invisible", "you make me")]
    [InlineData("I feel tense because you\u2019re always late", "you're always")]
    [InlineData("I feel shut out because of you", "because of you")]
    public void Blaming_phrases_are_found(string statement, string phrase) =>
        Assert.Contains(phrase, BlameCheck.Find(statement));

    [Theory]
    [InlineData("I feel lonely when we eat in silence because I miss our talks")]
    [InlineData("I always feel calmer when you tell me your plans")]
    [InlineData("I feel hopeful when you listen, thank you for that")]
    [InlineData("I never want us to stop talking")]
    [InlineData("")]
    public void Statements_without_blame_are_not_flagged(string statement) =>
        Assert.Empty(BlameCheck.Find(statement));

    [Fact]
    public void Each_phrase_is_reported_once_in_order()
    {
        var found = BlameCheck.Find("You never listen. You always interrupt. You never stop.");
        Assert.Equal(["you never", "you always"], found);
    }

    [Fact]
    public void Null_is_safe() => Assert.False(BlameCheck.Blames(null));

    [Theory]
    [InlineData("I feel unheard. But you also have to admit you were really stressed", "but you also")]
    [InlineData("I feel lonely and you also never tell me anything", "you also never")]
    [InlineData("you have to admit it wasnt easy for me either", "you have to admit")]
    [InlineData("i feel bad but you lied too so were kind of even", "so were kind of even")]
    [InlineData("I feel like we're even now", "we're even")]
    [InlineData("I feel awkward, it was only a few texts", "it was only")]
    [InlineData("i feel bad, i didnt want to worry you", "i didnt want to worry you")]
    [InlineData("im sorry if you feel hurt", "sorry if")]
    [InlineData("i feel tired because youre always out", "youre always")]
    public void Counter_accusation_minimising_and_conditional_apologies_are_found(string statement, string phrase) =>
        Assert.Contains(phrase, BlameCheck.Find(statement));

    [Theory]
    [InlineData("I feel hurt when you say it was only a few texts because it mattered to me")]
    [InlineData("I feel hopeful when you also share your day because it brings us closer")]
    [InlineData("I feel even more tired when we argue late")]
    [InlineData("I feel sorry for both of us when we fight")]
    [InlineData("I feel calm when I admit what worries me")]
    public void Similar_words_without_counter_accusation_or_minimising_are_not_flagged(string statement) =>
        Assert.Empty(BlameCheck.Find(statement));
}
