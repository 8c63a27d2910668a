using TrustBot.Safety;

namespace TrustBot.Tests.Safety;

/// <summary>How the phrase rules, the gate and the meaning layer combine, with a stand-in model whose answer is set.</summary>
public sealed class LayeredSafetyDetectorTests
{
    private sealed class StubMeaning(float danger, SafetyCategory category = SafetyCategory.SelfHarm, MeaningStatus status = MeaningStatus.Ready)
        : IMeaningClassifier
    {
        public int Calls { get; private set; }

        public MeaningStatus Status => status;

        public bool TryScore(string normalizedText, out MeaningScores scores)
        {
            Calls++;
            var none = 1f - danger;
            scores = category switch
            {
                SafetyCategory.Violence => new MeaningScores(none, 0, danger, 0),
                SafetyCategory.FearForSafety => new MeaningScores(none, 0, 0, danger),
                _ => new MeaningScores(none, danger, 0, 0),
            };
            return status == MeaningStatus.Ready;
        }
    }

    private const string Indirect = "on sunday when hes at his brothers ill do it";

    [Fact]
    public void A_phrase_rule_gives_the_full_message_when_the_model_does_not_read_the_message_as_plainly_ordinary()
    {
        var got = new LayeredSafetyDetector(new StubMeaning(LayeredSafetyDetector.Normal.PhraseDoubt)).Assess("i want to kill myself", SafetyScrutiny.Normal);
        Assert.True(got.IsClear);
        Assert.Equal(SafetyCategory.SelfHarm, got.Category);
    }

    [Fact]
    public void A_phrase_rule_the_model_reads_as_plainly_ordinary_gets_the_gentle_check_and_in_safety_mode_the_full_message()
    {
        const string Joke = "he made me watch his fantasy football draft for three hours and i wanted to die";
        var meaning = new StubMeaning(0.05f);
        var normal = new LayeredSafetyDetector(meaning).Assess(Joke, SafetyScrutiny.Normal);
        Assert.Equal(SafetyLevel.Possible, normal.Level);
        Assert.Equal(SafetyCategory.SelfHarm, normal.Category);
        Assert.True(new LayeredSafetyDetector(meaning).Assess(Joke, SafetyScrutiny.Heightened).IsClear);
    }

    // Scores the whole message low and each sentence by a word in it, as a model would read a danger that is over.
    private sealed class OverMeaning(float whole, float sentence) : IMeaningClassifier
    {
        public MeaningStatus Status => MeaningStatus.Ready;

        public bool TryScore(string normalizedText, out MeaningScores scores)
        {
            var danger = normalizedText.Contains("nothing since", StringComparison.Ordinal) ? whole : sentence;
            scores = new MeaningScores(1f - danger, 0, danger, 0);
            return true;
        }
    }

    [Fact]
    public void A_phrase_rule_in_a_danger_that_is_over_gets_the_gentle_check_unless_one_sentence_is_clearly_dangerous_on_its_own()
    {
        const string Over = "there was one night after the relapse when he grabbed my wrist hard . we separated for six months , he did a program , nothing since in three years";
        var thresholds = LayeredSafetyDetector.Normal;
        Assert.True(thresholds.SentenceDoubt > thresholds.PhraseDoubt, "a sentence out of its message needs more to keep the full message");

        // The whole message reads as over; the grabbing sentence alone reads darker, but not clearly dangerous: the gentle check.
        var softened = new LayeredSafetyDetector(new OverMeaning(thresholds.PhraseDoubt - 0.1f, thresholds.SentenceDoubt - 0.05f)).Assess(Over, SafetyScrutiny.Normal);
        Assert.Equal(SafetyLevel.Possible, softened.Level);
        Assert.Equal(SafetyCategory.Violence, softened.Category);

        // One sentence clearly dangerous on its own keeps the rule's full message.
        Assert.True(new LayeredSafetyDetector(new OverMeaning(thresholds.PhraseDoubt - 0.1f, thresholds.SentenceDoubt)).Assess(Over, SafetyScrutiny.Normal).IsClear);

        // And so does a whole message the model does not read as ordinary.
        Assert.True(new LayeredSafetyDetector(new OverMeaning(thresholds.PhraseDoubt, 0f)).Assess(Over, SafetyScrutiny.Normal).IsClear);
    }

    [Fact]
    public void Without_the_model_a_phrase_rule_gives_the_full_message()
    {
        var loading = new StubMeaning(0f, status: MeaningStatus.Loading);
        Assert.True(new LayeredSafetyDetector(loading).Assess("i want to kill myself", SafetyScrutiny.Normal).IsClear);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("Better")]
    [InlineData("skip")]
    [InlineData("About the same")]
    public void Check_in_answers_never_reach_the_model(string answer)
    {
        var meaning = new StubMeaning(1f);
        Assert.Equal(SafetyAssessment.None, new LayeredSafetyDetector(meaning).Assess(answer, SafetyScrutiny.Heightened));
        Assert.Equal(0, meaning.Calls);
    }

    [Fact]
    public void A_danger_the_person_places_in_a_resolved_past_gets_the_gentle_check_while_the_same_words_now_get_the_full_message()
    {
        // No phrase rule matches either message; the gate lets both through, and the resolved past is read for the first.
        var past = new LayeredSafetyDetector(new StubMeaning(0.99f, SafetyCategory.Violence))
            .Assess("my husband and i used to fight a lot years ago but that is all in the past now", SafetyScrutiny.Normal);
        Assert.Equal((SafetyLevel.Possible, "meaning.possible"), (past.Level, past.Rule));

        var now = new LayeredSafetyDetector(new StubMeaning(0.99f, SafetyCategory.Violence))
            .Assess("my husband and i fight a lot and it is getting worse every single week", SafetyScrutiny.Normal);
        Assert.Equal((SafetyLevel.Clear, "meaning.clear"), (now.Level, now.Rule));
    }

    [Fact]
    public void High_confidence_of_the_model_alone_gives_the_full_message()
    {
        var got = new LayeredSafetyDetector(new StubMeaning(0.99f)).Assess(Indirect, SafetyScrutiny.Normal);
        Assert.Equal(SafetyLevel.Clear, got.Level);
        Assert.Equal(SafetyCategory.SelfHarm, got.Category);
        Assert.Equal("meaning.clear", got.Rule);
    }

    [Fact]
    public void Medium_confidence_gives_the_gentle_check()
    {
        var danger = (LayeredSafetyDetector.Normal.Possible + LayeredSafetyDetector.Normal.Clear) / 2;
        var got = new LayeredSafetyDetector(new StubMeaning(danger, SafetyCategory.FearForSafety)).Assess("he nailed the windows shut so i stay in", SafetyScrutiny.Normal);
        Assert.Equal(SafetyLevel.Possible, got.Level);
        Assert.Equal(SafetyCategory.FearForSafety, got.Category);
        Assert.True(got.IsCrisis);
        Assert.False(got.IsClear);
    }

    [Theory]
    [InlineData("the blades are in my bag just in case")]
    [InlineData("the kitchen knife stays next to his plate when we talk")]
    [InlineData("i have been putting pills aside for weeks")]
    public void Medium_confidence_about_a_means_or_weapon_gives_the_full_message_at_once(string text)
    {
        var danger = (LayeredSafetyDetector.Normal.Possible + LayeredSafetyDetector.Normal.Clear) / 2;
        var got = new LayeredSafetyDetector(new StubMeaning(danger, SafetyCategory.Violence)).Assess(text, SafetyScrutiny.Normal);
        Assert.Equal(SafetyLevel.Clear, got.Level);
        Assert.Equal("meaning.means-or-weapon", got.Rule);
    }

    [Fact]
    public void A_phrase_in_a_joke_or_a_resolved_past_gets_at_most_the_gentle_check()
    {
        var detector = new LayeredSafetyDetector(new StubMeaning(0.99f, SafetyCategory.Violence));
        var joke = detector.Assess("she would kill me for eating the last slice lol", SafetyScrutiny.Normal);
        Assert.Equal(SafetyLevel.Possible, joke.Level);
        var past = detector.Assess("my last partner was abusive but that ended years ago", SafetyScrutiny.Normal);
        Assert.Equal(SafetyLevel.Possible, past.Level);
    }

    [Theory]
    [InlineData("we watched a documentary about a man who killed his wife, it really stayed with me")]
    [InlineData("my sister said if her husband did that she would murder him")]
    [InlineData("i was cutting myself when i was 16. looking back i am glad i am still here")]
    public void A_story_a_report_or_a_resolved_past_lowers_the_meaning_verdict_one_grade(string text)
    {
        var medium = (LayeredSafetyDetector.Normal.Possible + LayeredSafetyDetector.Normal.Clear) / 2;
        Assert.Equal(SafetyLevel.Possible, new LayeredSafetyDetector(new StubMeaning(0.99f)).Assess(text, SafetyScrutiny.Normal).Level);
        Assert.False(new LayeredSafetyDetector(new StubMeaning(medium)).Assess(text, SafetyScrutiny.Normal).IsCrisis);

        // After a crisis message the gentle check stays.
        Assert.Equal(SafetyLevel.Possible, new LayeredSafetyDetector(new StubMeaning(medium)).Assess(text, SafetyScrutiny.Heightened).Level);
    }

    [Fact]
    public void A_threat_told_as_a_joke_or_in_someone_elses_words_gets_at_most_the_gentle_check_from_the_model()
    {
        var detector = new LayeredSafetyDetector(new StubMeaning(0.99f, SafetyCategory.Violence));
        Assert.Equal(SafetyLevel.Possible, detector.Assess("my brother says hed push him off a pier if he ever did it to me haha", SafetyScrutiny.Normal).Level);
        Assert.Equal(SafetyLevel.Possible, detector.Assess("my mum says shed bury him in the garden. shes 5 foot and scared of spiders", SafetyScrutiny.Normal).Level);

        // A real cause, a doubted joke or a means keeps the full message; so does the safety mode.
        Assert.Equal(SafetyLevel.Clear, detector.Assess("he said hed bury me in the garden if i leave lol", SafetyScrutiny.Normal).Level);
        Assert.Equal(SafetyLevel.Clear, detector.Assess("he laughed and said hed bury me in the garden. i dont think he was joking", SafetyScrutiny.Normal).Level);
        Assert.Equal(SafetyLevel.Clear, detector.Assess("my brother says hed push him off a pier haha", SafetyScrutiny.Heightened).Level);
    }

    [Fact]
    public void A_story_told_about_tonight_is_not_discounted()
    {
        var got = new LayeredSafetyDetector(new StubMeaning(0.5f)).Assess(
            "we did the exercise from the book and it went ok, only grabbed me by the throat once tonight", SafetyScrutiny.Normal);
        Assert.Equal(SafetyLevel.Clear, got.Level);
        Assert.Equal(SafetyCategory.Violence, got.Category);
    }

    private sealed class SentenceMeaning : IMeaningClassifier
    {
        public MeaningStatus Status => MeaningStatus.Ready;

        public bool TryScore(string normalizedText, out MeaningScores scores)
        {
            // Danger only when the sentence is judged on its own: in the whole message the ordinary talk dilutes it.
            scores = normalizedText.StartsWith("on sunday", StringComparison.Ordinal) ? new MeaningScores(0.05f, 0.95f, 0, 0) : new MeaningScores(0.9f, 0.1f, 0, 0);
            return true;
        }
    }

    [Fact]
    public void A_sentence_that_is_only_worrying_out_of_its_message_does_not_raise_the_verdict()
    {
        var medium = (LayeredSafetyDetector.Normal.Possible + LayeredSafetyDetector.Normal.Clear) / 2;
        var meaning = new PerSentenceMeaning("i dont know if we will make it", medium);
        var got = new LayeredSafetyDetector(meaning).Assess(
            "cried at work again and cooked dinner in silence. i dont know if we will make it. i want to but i dont know", SafetyScrutiny.Normal);
        Assert.False(got.IsCrisis);
    }

    private sealed class PerSentenceMeaning(string sentence, float danger) : IMeaningClassifier
    {
        public MeaningStatus Status => MeaningStatus.Ready;

        public bool TryScore(string normalizedText, out MeaningScores scores)
        {
            var alone = normalizedText == SafetyText.Normalize(sentence).TrimEnd('.', ' ');
            scores = alone ? new MeaningScores(1 - danger, danger, 0, 0) : new MeaningScores(0.9f, 0.1f, 0, 0);
            return true;
        }
    }

    [Fact]
    public void One_dangerous_sentence_in_a_long_message_is_judged_on_its_own()
    {
        var text = "work was fine and the kids had a good day at school. on sunday when hes at his brothers ill do it. anyway how are you";
        var got = new LayeredSafetyDetector(new SentenceMeaning()).Assess(text, SafetyScrutiny.Normal);
        Assert.True(got.IsClear);
        Assert.Equal(SafetyCategory.SelfHarm, got.Category);
    }

    [Fact]
    public void Low_confidence_is_no_danger()
    {
        var danger = LayeredSafetyDetector.Heightened.Possible / 2;
        Assert.False(new LayeredSafetyDetector(new StubMeaning(danger)).Assess(Indirect, SafetyScrutiny.Heightened).IsCrisis);
    }

    [Fact]
    public void In_safety_mode_a_softer_sign_is_still_acted_on()
    {
        var danger = (LayeredSafetyDetector.Heightened.Possible + LayeredSafetyDetector.Normal.Possible) / 2;
        var detector = new LayeredSafetyDetector(new StubMeaning(danger));
        Assert.False(detector.Assess(Indirect, SafetyScrutiny.Normal).IsCrisis);
        Assert.Equal(SafetyLevel.Possible, detector.Assess(Indirect, SafetyScrutiny.Heightened).Level);

        var strong = (LayeredSafetyDetector.Heightened.Clear + LayeredSafetyDetector.Normal.Clear) / 2;
        var strongDetector = new LayeredSafetyDetector(new StubMeaning(strong));
        Assert.Equal(SafetyLevel.Possible, strongDetector.Assess(Indirect, SafetyScrutiny.Normal).Level);
        Assert.Equal(SafetyLevel.Clear, strongDetector.Assess(Indirect, SafetyScrutiny.Heightened).Level);
    }

    [Theory]
    [InlineData(MeaningStatus.Loading)]
    [InlineData(MeaningStatus.Failed)]
    [InlineData(MeaningStatus.Off)]
    public void Without_a_ready_model_the_phrase_rules_still_answer(MeaningStatus status)
    {
        var detector = new LayeredSafetyDetector(new StubMeaning(1f, status: status));
        Assert.True(detector.Assess("he hits me when hes drunk", SafetyScrutiny.Normal).IsClear);
        Assert.False(detector.Assess(Indirect, SafetyScrutiny.Normal).IsCrisis);
        Assert.Equal(status, detector.MeaningStatus);
    }

    [Fact]
    public void Odd_input_never_throws()
    {
        var detector = new LayeredSafetyDetector(new StubMeaning(0.6f));
        Assert.Equal(SafetyAssessment.None, detector.Assess(null, SafetyScrutiny.Normal));
        Assert.Equal(SafetyAssessment.None, detector.Assess("", SafetyScrutiny.Heightened));
        var huge = string.Concat(Enumerable.Repeat("he said we could talk about it later and i agreed ", 2_000));
        Assert.Equal(SafetyLevel.Possible, detector.Assess(huge, SafetyScrutiny.Normal).Level);
    }
}
