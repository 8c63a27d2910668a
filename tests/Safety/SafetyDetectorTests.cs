using System.Diagnostics;
using System.Text;
using TrustBot.Safety;

namespace TrustBot.Tests.Safety;

/// <summary>Named behaviours of the phrase detector: each negation rule and each idiom decision, odd input, speed.</summary>
public sealed class SafetyDetectorTests
{
    private readonly PhraseSafetyDetector _detector = new();

    private SafetyCategory Category(string text) => _detector.Assess(text).Category;

    // ---------------------------------------------------------------- negation

    [Theory]
    [InlineData("I'm not going to hurt myself")]
    [InlineData("I would never kill myself")]
    [InlineData("I’m not suicidal, just sad")]
    [InlineData("I have no intention of hurting myself")]
    [InlineData("I'm not going to end my life, but I need help with this")]
    [InlineData("I've never self-harmed")]
    [InlineData("im NOT gonna kms lol, just stressed")]
    public void Reassurance_that_negates_self_harm_does_not_trigger(string text) =>
        Assert.Equal(SafetyCategory.None, Category(text));

    [Theory]
    [InlineData("I don't want to live anymore")]
    [InlineData("I can't go on")]
    [InlineData("there's no reason to live")]
    [InlineData("I dont wanna be here anymore")]
    [InlineData("nothing to live for")]
    public void Negations_that_express_danger_trigger_self_harm(string text) =>
        Assert.Equal(SafetyCategory.SelfHarm, Category(text));

    [Fact]
    public void Not_feeling_safe_at_home_triggers_fear() =>
        Assert.Equal(SafetyCategory.FearForSafety, Category("I don't feel safe at home"));

    [Fact]
    public void Not_feeling_unsafe_is_a_reassurance() =>
        Assert.Equal(SafetyCategory.None, Category("i dont feel unsafe, just unloved"));

    [Fact]
    public void Trying_not_to_hurt_myself_is_not_a_reassurance() =>
        Assert.Equal(SafetyCategory.SelfHarm, Category("I'm trying not to hurt myself"));

    [Fact]
    public void Not_wanting_to_hurt_myself_again_means_the_thought_is_there() =>
        Assert.Equal(SafetyCategory.SelfHarm, Category("I don't want to hurt myself again"));

    [Fact]
    public void A_negation_in_an_earlier_clause_does_not_cancel_a_later_danger()
    {
        Assert.Equal(SafetyCategory.SelfHarm, Category("I'm not going to hurt myself, but I wish I was dead"));
        Assert.Equal(SafetyCategory.SelfHarm, Category("I'm not angry and I want to die"));
    }

    [Fact]
    public void A_negation_that_governs_another_verb_does_not_cancel_the_phrase()
    {
        Assert.Equal(SafetyCategory.SelfHarm, Category("I never thought I'd say this but I want to die"));
        Assert.Equal(SafetyCategory.Violence, Category("I never told anyone that he hits me"));
        Assert.Equal(SafetyCategory.SelfHarm, Category("I can't stop thinking about killing myself"));
    }

    [Theory]
    [InlineData("he has never hit me, we just argue")]
    [InlineData("he would never lay a hand on me")]
    [InlineData("she's not violent, just cold")]
    [InlineData("he didn't threaten me, he just left")]
    public void Denied_violence_by_the_partner_does_not_trigger(string text) =>
        Assert.Equal(SafetyCategory.None, Category(text));

    [Theory]
    [InlineData("I never wanted to hurt her")]
    [InlineData("I don't want to hurt him anymore, I want to do better")]
    [InlineData("i'm not going to kill him lol but I'm furious")]
    public void Denied_intent_to_hurt_the_partner_does_not_trigger(string text) =>
        Assert.Equal(SafetyCategory.None, Category(text));

    [Fact]
    public void Not_being_afraid_of_the_partner_does_not_trigger_but_fear_in_the_next_clause_does()
    {
        Assert.Equal(SafetyCategory.None, Category("I'm not afraid of him, I'm afraid of being alone"));
        Assert.Equal(SafetyCategory.FearForSafety, Category("he has never hit me but I'm scared of him"));
    }

    // ---------------------------------------------------------------- idioms

    [Theory]
    [InlineData("this is killing me")]
    [InlineData("the waiting is killing me")]
    [InlineData("my feet are killing me")]
    [InlineData("it's killing me not knowing")]
    public void This_is_killing_me_is_ordinary_pain_talk(string text) =>
        Assert.Equal(SafetyCategory.None, Category(text));

    // Decision: a threat with a trivial cause or a joke marker is a figure of speech. The phrase rules leave it to the
    // meaning layer, which may still ask gently; a real cause (leaving, telling, the police) keeps it danger.
    [Theory]
    [InlineData("I could kill him for forgetting our anniversary")]
    [InlineData("i could kill him for being late again")]
    [InlineData("my best friend said she would kill him for me, she was joking obviously")]
    [InlineData("he'll kill me when he sees how much i spent lol")]
    public void A_threat_with_a_trivial_cause_or_a_joke_is_not_clear_danger(string text) =>
        Assert.Equal(SafetyCategory.None, Category(text));

    [Theory]
    [InlineData("he said he will kill me if i leave lol")]
    [InlineData("he'll kill me for telling you this")]
    [InlineData("i want to kill him, i keep thinking about it")]
    public void A_threat_with_a_real_cause_stays_danger_even_with_a_laugh(string text) =>
        Assert.NotEqual(SafetyCategory.None, Category(text));

    [Theory]
    [InlineData("the doctor asked if i ever think of harming myself and i said no")]
    [InlineData("my therapist asked if he ever hit me and i said no, never")]
    [InlineData("i had suicidal thoughts as a student, not now, im doing much better")]
    [InlineData("my last partner was abusive but that ended years ago")]
    [InlineData("i tried to take my life at 17, im 40 now and doing well")]
    [InlineData("i dont want to die, i want to stop hurting")]
    [InlineData("no one is threatening me, i just feel guilty")]
    public void A_reported_no_a_resolved_past_or_a_plain_negation_is_not_clear_danger(string text) =>
        Assert.Equal(SafetyCategory.None, Category(text));

    [Theory]
    [InlineData("i self harmed years ago and ive started again this week", SafetyCategory.SelfHarm)]
    [InlineData("he hit me years ago and now he is doing it again", SafetyCategory.Violence)]
    [InlineData("I'm not going to be here much longer", SafetyCategory.SelfHarm)]
    [InlineData("i don't want to hurt myself again but i keep thinking about it", SafetyCategory.SelfHarm)]
    public void Danger_that_is_back_now_or_is_phrased_as_a_negation_stays_danger(string text, SafetyCategory expected) =>
        Assert.Equal(expected, Category(text));

    // Decision, same reasoning: "he'd kill me if he knew" is how fear of a partner is often put.
    [Fact]
    public void Partner_would_kill_me_if_they_found_out_shows_resources_as_fear() =>
        Assert.Equal(SafetyCategory.FearForSafety, Category("he'd kill me if he knew I was talking to you"));

    [Fact]
    public void Someone_other_than_the_partner_killing_me_is_an_idiom() =>
        Assert.Equal(SafetyCategory.None, Category("my mum would kill me if she knew we were in counselling"));

    [Theory]
    [InlineData("we had a fight about money")]
    [InlineData("he hurt my feelings")]
    [InlineData("he hurt me so much when he cheated")]
    [InlineData("I'm afraid he'll leave me")]
    [InlineData("the trust is dead")]
    [InlineData("she abused my trust")]
    [InlineData("it hit me today that he lied for two years")]
    [InlineData("she hit me up last night wanting to talk")]
    [InlineData("beats me why he did it")]
    [InlineData("I got all choked up when he apologised")]
    [InlineData("he pushed me away when I tried to talk")]
    [InlineData("I'd kill for a night of proper sleep")]
    [InlineData("I could murder a pizza right now")]
    [InlineData("I'm dying to know what she was thinking")]
    [InlineData("I want to end it with him")]
    [InlineData("she threatened to leave if I don't go to counselling")]
    [InlineData("I hurt myself at the gym so I missed date night")]
    [InlineData("she beat me at mario kart again")]
    public void Ordinary_hurt_and_anger_talk_flows(string text) =>
        Assert.Equal(SafetyCategory.None, Category(text));

    [Fact]
    public void Emotional_safety_is_not_physical_danger()
    {
        Assert.Equal(SafetyCategory.None, Category("I don't feel emotionally safe opening up to him yet"));
        Assert.Equal(SafetyCategory.None, Category("I don't feel safe sharing my feelings with her"));
        Assert.Equal(SafetyCategory.FearForSafety, Category("I don't feel safe with him"));
    }

    [Fact]
    public void Checking_a_phone_is_control_only_with_threats_or_force()
    {
        Assert.Equal(SafetyCategory.None, Category("she checks my phone sometimes and I agreed to that"));
        Assert.Equal(SafetyCategory.None, Category("I check his phone every night and I hate that I do it"));
        Assert.Equal(SafetyCategory.FearForSafety, Category("she checks my phone and threatens me if I don't answer"));
    }

    [Fact]
    public void Wont_let_me_is_control_only_for_freedoms()
    {
        Assert.Equal(SafetyCategory.FearForSafety, Category("he won't let me see my friends"));
        Assert.Equal(SafetyCategory.None, Category("he won't let me explain"));
        Assert.Equal(SafetyCategory.None, Category("she won't let me see her phone"));
    }

    [Fact]
    public void A_partners_suicide_threat_to_stop_me_leaving_is_coercion()
    {
        Assert.Equal(SafetyCategory.FearForSafety, Category("he said he would kill himself if I leave him"));
        Assert.Equal(SafetyCategory.SelfHarm, Category("my wife tried to kill herself last month"));
    }

    [Theory]
    [InlineData("he drowned my rabbit in the water butt after i mentioned the affair")]
    [InlineData("my husband kicked the dog across the kitchen when i asked about the texts")]
    [InlineData("she said the cat is next if i ever tell anyone")]
    [InlineData("hes already poisoned our puppy and says im next")]
    public void Harm_to_a_pet_by_the_partner_or_a_pet_named_as_next_is_violence(string text) =>
        Assert.Equal(SafetyCategory.Violence, Category(text));

    [Theory]
    [InlineData("the vet had to put our dog down last week and we both cried")]
    [InlineData("my husband bought the kids a puppy to make up for missing the recital")]
    [InlineData("the dog is next in line for a bath after the kids")]
    public void A_pet_in_ordinary_news_is_not_danger(string text) =>
        Assert.Equal(SafetyCategory.None, Category(text));

    [Fact]
    public void Being_told_to_kill_myself_is_abuse_not_my_own_intent() =>
        Assert.Equal(SafetyCategory.FearForSafety, Category("he keeps telling me to kys"));

    // ---------------------------------------------------------------- normalisation

    [Theory]
    [InlineData("kms")]
    [InlineData("i wanna kil myself")]
    [InlineData("been thinking about unaliving myself")]
    [InlineData("thinking about sucide a lot")]
    [InlineData("I WANT TO KILL MYSELF")]
    [InlineData("i want to kill my self")]
    [InlineData("I’m gonna end it all")]
    [InlineData("i   want\tto   die")]
    [InlineData("I've been self-harming again")]
    public void Slang_misspellings_case_quotes_and_spacing_are_understood(string text) =>
        Assert.Equal(SafetyCategory.SelfHarm, Category(text));

    [Fact]
    public void The_most_urgent_category_wins()
    {
        Assert.Equal(SafetyCategory.SelfHarm, Category("he hit me again and I want to die"));
        Assert.Equal(SafetyCategory.Violence, Category("I'm scared of him, he hit me last night"));
    }

    [Fact]
    public void The_rule_name_is_reported_and_never_the_text()
    {
        var assessment = _detector.Assess("he won't let me see my friends");
        Assert.True(assessment.IsCrisis);
        Assert.Equal("fear.control", assessment.Rule);
        Assert.Null(_detector.Assess("we had a nice dinner").Rule);
    }

    // ---------------------------------------------------------------- odd input and speed

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t")]
    [InlineData("'")]
    [InlineData("...,,,!!!")]
    [InlineData("’’’ - -- ' ` ´")]
    [InlineData("🙂🙂🙂")]
    [InlineData("\uD800 lone surrogate \uDC00")]
    [InlineData("\0\u0001\u200B")]
    public void Empty_or_odd_text_is_none_and_never_throws(string? text) =>
        Assert.Equal(SafetyAssessment.None, _detector.Assess(text));

    // The bounds below only catch runaway backtracking (which would take minutes); they are not a benchmark, as
    // the test machine may be heavily shared.
    [Fact]
    public void Text_as_long_as_the_largest_activity_is_assessed_and_a_crisis_at_its_very_end_is_found()
    {
        var filler = string.Concat(Enumerable.Repeat("We talked about the affair again and it went okay. ", 5_000)); // ~256 KB
        var stopwatch = Stopwatch.StartNew();
        Assert.Equal(SafetyCategory.None, Category(filler));
        Assert.Equal(SafetyCategory.SelfHarm, Category(filler + "Honestly I want to die."));
        stopwatch.Stop();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"two 256 KB assessments took {stopwatch.Elapsed}");
    }

    [Fact]
    public void A_phrase_straddling_the_analysis_windows_is_still_found()
    {
        for (var shift = 0; shift < 40; shift += 3)
        {
            var prefix = new string('x', 16 * 1024 - 12 + shift);
            Assert.Equal(SafetyCategory.SelfHarm, Category(prefix + " I want to kill myself now"));
        }
    }

    [Fact]
    public void Huge_input_of_a_single_repeated_character_is_fine() =>
        Assert.Equal(SafetyAssessment.None, _detector.Assess(new string('a', 300_000)));

    [Fact]
    public void Ordinary_messages_are_assessed_with_little_allocation()
    {
        var messages = new[]
        {
            "we had a fight about money again and he slept on the couch",
            "I'm afraid he'll leave me if I bring it up",
            "can you help me write an apology to her",
        };
        foreach (var m in messages)
        {
            _detector.Assess(m); // warm up
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        const int Rounds = 1_000;
        for (var i = 0; i < Rounds; i++)
        {
            foreach (var m in messages)
            {
                _detector.Assess(m);
            }
        }

        var perMessage = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)(Rounds * messages.Length);
        Assert.True(perMessage < 1024, $"{perMessage:0} bytes allocated per short message");
    }

    [Fact]
    public void Thousands_of_messages_are_assessed_quickly()
    {
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 5_000; i++)
        {
            _detector.Assess(i % 2 == 0 ? "she won't let me apologise properly, it's so frustrating" : "I don't feel safe at home");
        }

        stopwatch.Stop();
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"5,000 assessments took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData("honestly gonna top myself if she goes", SafetyCategory.SelfHarm)]
    [InlineData("took the rest of my tablets about an hour ago, feel woozy", SafetyCategory.SelfHarm)]
    [InlineData("im going to end it. not the relationship. me.", SafetyCategory.SelfHarm)]
    [InlineData("if the divorce goes through im not going on living", SafetyCategory.SelfHarm)]
    [InlineData("wrote a letter to my daughter so she knows none of it is her fault, left it in her room", SafetyCategory.SelfHarm)]
    [InlineData("most nights end with him shoving me into the wardrobe", SafetyCategory.Violence)]
    [InlineData("when we argue he gets the hammer out of the toolbox and sets it on the table", SafetyCategory.Violence)]
    [InlineData("she gets his rifle down and oils it in front of me while she asks who else there was", SafetyCategory.Violence)]
    [InlineData("he gives me 30 quid a week and checks the receipts", SafetyCategory.FearForSafety)]
    [InlineData("he emptied our joint account this morning and laughed", SafetyCategory.FearForSafety)]
    [InlineData("im terrified, hes on his way over and hes been drinking all day", SafetyCategory.FearForSafety)]
    [InlineData("she has the car keys and my phone and wont give them back", SafetyCategory.FearForSafety)]
    [InlineData("im going to end things. not with her. with me", SafetyCategory.SelfHarm)]
    [InlineData("if he lies once more im swallowing the lot", SafetyCategory.SelfHarm)]
    [InlineData("i have decided that i will not continue if the marriage ends", SafetyCategory.SelfHarm)]
    [InlineData("he said if i go he is taking me with him when he goes, so i am taking him with me when i go", SafetyCategory.FearForSafety)]
    [InlineData("she aimed the crossbow at my chest while i was asleep", SafetyCategory.Violence)]
    [InlineData("got my affairs in order this week. the dog goes to my sister", SafetyCategory.SelfHarm)]
    [InlineData("please tell him im sorry for what im about to do", SafetyCategory.SelfHarm)]
    [InlineData("turning 35 in march and honestly im not planning to see 35", SafetyCategory.SelfHarm)]
    [InlineData("she would be happier with me gone, everyone would", SafetyCategory.SelfHarm)]
    [InlineData("this is my last check in. thank you", SafetyCategory.SelfHarm)]
    [InlineData("he leaned in and said i know where your sister lives", SafetyCategory.FearForSafety)]
    [InlineData("i sleep in my clothes now in case i have to get out fast", SafetyCategory.FearForSafety)]
    [InlineData("i wedged a chair under the bedroom door last night", SafetyCategory.FearForSafety)]
    [InlineData("he sits at the table sharpening his knife while i cook and doesnt say a word", SafetyCategory.Violence)]
    [InlineData("she said she will throw acid on his face if she sees him again", SafetyCategory.Violence)]
    [InlineData("he says hes not going to die alone, hes taking us with him", SafetyCategory.Violence)]
    [InlineData("he threatened to hurt my little sister if i tell anyone", SafetyCategory.Violence)]
    [InlineData("he went for me with a hammer when i said i wanted space", SafetyCategory.Violence)]
    [InlineData("she keeps saying we will be together even in death and it scares me", SafetyCategory.Violence)]
    public void Indirect_danger_of_each_kind_is_recognised(string text, SafetyCategory expected) =>
        Assert.Equal(expected, _detector.Assess(text).Category);

    [Theory]
    [InlineData("i have never once felt unsafe with her, just hurt")]
    [InlineData("nobody is hurting me, i am just so sad about the lies")]
    [InlineData("i dont have any thoughts of hurting myself, i just cant sleep")]
    [InlineData("in the podcast a woman said she was suicidal after the affair and now she runs a charity")]
    [InlineData("my mate said if his wife did that he would kill her, we laughed about it")]
    [InlineData("my stepdad was violent when i was little. hes long gone and i have no contact")]
    [InlineData("haha my husband says if i leave the lights on again he will murder me")]
    [InlineData("the kids said they would rather die than hear about our date night")]
    [InlineData("he shoved me once, years ago, and it never happened again. we both did a lot of counselling")]
    [InlineData("i had suicidal thoughts after my first divorce but i have been in therapy since and im well past that now")]
    [InlineData("he used to check my phone in the early days but we have done a course together and its behind us")]
    [InlineData("i never felt afraid of her, not even the night she found the messages")]
    [InlineData("on the radio a woman said her husband hit her for years, it made me grateful for what we have")]
    [InlineData("she says shell murder me if i spoil the finale. we are good though, watching it together tonight")]
    [InlineData("he pushed me once, back when he was drinking. hes been sober 6 years and it never happened again")]
    [InlineData("there are no weapons at home and no threats, just a lot of silence")]
    [InlineData("nobodys threatening me, i just feel like a fool")]
    [InlineData("the podcast host called cheating a slow suicide of the family, bit much")]
    [InlineData("my cousin told me her husband used to hit her, it made me see how lucky i am")]
    [InlineData("she says shell destroy me at scrabble tonight and honestly she will")]
    public void Reassurances_stories_and_resolved_pasts_never_get_the_full_message_from_the_rules(string text)
    {
        var got = _detector.Assess(text);
        Assert.False(got.IsCrisis, $"{got.Rule}: {SafetyText.Normalize(text)}");
    }
}
