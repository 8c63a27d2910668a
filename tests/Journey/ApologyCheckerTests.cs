using TrustBot.Journey.Steps;

namespace TrustBot.Tests.Journey;

public sealed class ApologyCheckerTests
{
    private const string Sincere =
        "I'm sorry that I lied to you about the money. I know it hurt you deeply and broke your trust. " +
        "It was my choice and I was wrong. From now on I will show you every statement, even when it's hard.";

    [Fact]
    public void A_sincere_apology_has_all_four_parts_and_nothing_flagged()
    {
        var check = ApologyChecker.Check(Sincere);
        Assert.Equal(ApologyChecker.Elements, check.Present);
        Assert.Empty(check.Flags);
        Assert.True(check.IsComplete);
    }

    [Theory]
    [InlineData("I'm sorry if you were hurt.", "sorry if")]
    [InlineData("I'm sorry, but I needed some attention too.", "sorry, but")]
    [InlineData("I'm sorry you feel that way.", "sorry you feel")]
    [InlineData("I lied because you made me feel cornered.", "you made me")]
    [InlineData("I apologise but it wasn't that bad.", "apologise but")]
    [InlineData("Mistakes were made and I regret them.", "mistakes were made")]
    public void Non_apologies_are_flagged(string draft, string phrase)
    {
        var check = ApologyChecker.Check(draft);
        Assert.Contains(check.Flags, f => f.Phrase == phrase);
        Assert.False(check.IsComplete);
    }

    [Fact]
    public void Responsibility_with_an_excuse_does_not_count_as_taking_responsibility()
    {
        var check = ApologyChecker.Check("It was my fault that I lied, I was stressed at work.");
        Assert.DoesNotContain(ApologyElement.TakesResponsibility, check.Present);
        Assert.Contains(check.Flags, f => f.Phrase == "i was stressed");
    }

    [Fact]
    public void A_draft_without_a_commitment_is_missing_only_the_commitment()
    {
        var check = ApologyChecker.Check("I'm sorry I lied to you. I know how much it hurt you, and it was my fault.");
        Assert.Equal([ApologyElement.CommitsToChange], check.Missing);
    }

    [Fact]
    public void A_vague_sorry_names_nothing()
    {
        var check = ApologyChecker.Check("Sorry.");
        Assert.Empty(check.Present);
        Assert.Equal(4, check.Missing.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Empty_draft_is_safe(string? draft) => Assert.Empty(ApologyChecker.Check(draft).Present);

    [Theory]
    [InlineData("I'm sorry I lied. But you also have to admit you were really stressed.", "but you also")]
    [InlineData("I'm sorry I lied, you also never tell me anything.", "you also never")]
    [InlineData("im sorry i hid it but you never listen", "you never")]
    [InlineData("I'm sorry I lied about the money, you lied too so we're kind of even.", "we're kind of even")]
    [InlineData("I'm sorry I hid the debt, it was only a few hundred pounds.", "it was only")]
    [InlineData("I'm sorry I hid the debt. I didn't want to worry you.", "i didn't want to worry you")]
    [InlineData("im sorry i hid the debt, i didnt want to worry you", "i didnt want to worry you")]
    [InlineData("I'm sorry if I hurt you.", "sorry if")]
    [InlineData("im sorry if that upset you", "sorry if")]
    public void Counter_accusation_minimising_and_conditional_apologies_are_flagged(string draft, string phrase)
    {
        var check = ApologyChecker.Check(draft);
        Assert.Contains(check.Flags, f => f.Phrase == phrase);
        Assert.False(check.IsComplete);
        Assert.DoesNotContain(ApologyElement.TakesResponsibility, check.Present);
    }

    [Theory]
    [InlineData(Sincere)]
    [InlineData("I'm sorry that I lied to you. You never deserved that. I know it hurt you and it was my fault. I will be honest from now on.")]
    [InlineData("I'm sorry I hid the debt. I know how much that hurt you, and it was my choice. I will show you every statement.")]
    [InlineData("I apologise for lying when you asked me what it was about. I know it hurt you and I was wrong. I will change.")]
    public void Sincere_drafts_that_mention_the_partner_are_not_flagged(string draft) =>
        Assert.Empty(ApologyChecker.Check(draft).Flags);

    [Fact]
    public void A_draft_with_no_apology_words_cannot_be_complete()
    {
        var check = ApologyChecker.Check("I lied to you about the money. I know it hurt you deeply. It was my choice and I was wrong. From now on I will show you every statement.");
        Assert.Equal(ApologyChecker.Elements, check.Present);
        Assert.Contains(check.Flags, f => f.Phrase == ApologyChecker.NoApologyPhrase);
        Assert.False(check.IsComplete);
    }
}
