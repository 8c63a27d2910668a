using TrustBot.Safety;

namespace TrustBot.Tests.Safety;

/// <summary>What the meaning layer reads: figures of speech in plain words, and laughing faces as the joke they mark.</summary>
public sealed class FiguresOfSpeechTests
{
    private static string Literal(string text) => FiguresOfSpeech.ToLiteral(SafetyText.Normalize(text));

    [Theory]
    [InlineData("this waiting is killing me. he said wed talk after work and its 10pm", "this waiting is so hard on me")]
    [InlineData("honestly the suspense is literally killing me", "the suspense is literally so hard on me")]
    [InlineData("after what she did with my best mate shes dead to me", "she is nothing to me")]
    [InlineData("over my dead body is he bringing HER to our daughters graduation", "absolutely not is he bringing")]
    [InlineData("im dead on my feet, 3 hours sleep since wednesday", "i am exhausted")]
    [InlineData("Im literally dying to tell him the good news about the debt", "eager to tell him")]
    [InlineData("I was dying of embarrassment when he told his mum", "i was so embarrassed when")]
    [InlineData("we nearly died laughing at the counsellors cat", "we laughed so much at")]
    [InlineData("im sick to death of checking his location every 5 minutes", "i am very sick of checking")]
    [InlineData("i could murder a pint after that session", "i would love a pint")]
    [InlineData("shes absolutely killing it at her new job", "she is absolutely doing great at")]
    [InlineData("my wife will have my head on a plate if she finds out about the hen do", "my wife will be cross with me if")]
    [InlineData("I wanted the ground to swallow me up when he told his mates", "i wanted to hide when")]
    [InlineData("honestly the marriage feels completely dead", "the marriage feels completely over")]
    [InlineData("this homework will be the death of me", "this homework will wear me out")]
    public void Everyday_figures_of_death_and_killing_reach_the_model_in_plain_words(string message, string expected)
    {
        var literal = Literal(message);
        Assert.Contains(expected, literal, StringComparison.Ordinal);
        Assert.Equal(literal, FiguresOfSpeech.ToLiteral(literal));
    }

    // Said by a person, reported from a partner, or a plain statement of intent: the words stay for the model to weigh.
    [Theory]
    [InlineData("he is killing me slowly and no one sees it")]
    [InlineData("when i said i wanted a divorce he said over my dead body, then after a pause he said or yours")]
    [InlineData("if she leaves i would rather die than be alone")]
    [InlineData("i feel dead inside since he told me")]
    [InlineData("im scared he will kill me if i tell anyone")]
    [InlineData("drinking myself to death, two bottles a day now")]
    [InlineData("he killed it in front of me to show what he could do")]
    public void Words_that_may_be_meant_are_left_as_they_are(string message)
    {
        var normalized = SafetyText.Normalize(message);
        Assert.Equal(normalized, FiguresOfSpeech.ToLiteral(normalized));
    }

    [Fact]
    public void Scared_to_death_keeps_the_fear_and_drops_only_the_figure()
    {
        Assert.Equal("i am very scared , he is locked the front door", Literal("im scared to death, hes locked the front door"));
    }

    [Theory]
    [InlineData("if he leaves the wet towel on the bed one more time ill kill him 😂")]
    [InlineData("she'll kill me for telling you this 🤣🤣")]
    public void A_laughing_face_reads_as_lol(string message)
    {
        Assert.EndsWith(" lol", SafetyText.Normalize(message), StringComparison.Ordinal);
    }

    [Fact]
    public void A_nervous_smile_is_not_taken_for_a_joke()
    {
        Assert.DoesNotContain("lol", SafetyText.Normalize("he said hell kill me if i go 😅"), StringComparison.Ordinal);
    }
}
