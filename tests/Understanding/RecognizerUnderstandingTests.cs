using TrustBot.Dialogs;
using TrustBot.Journey;

namespace TrustBot.Tests.Understanding;

/// <summary>The recogniser reads people, not forms: the phrasings of issue 9, item 2, and the rules behind them.</summary>
public sealed class RecognizerUnderstandingTests
{
    private static readonly List<Choice> Communication =
    [
        new() { Value = "better", Title = "Better", Synonyms = ["improved", "good"] },
        new() { Value = "same", Title = "About the same", Synonyms = ["same", "ok"] },
        new() { Value = "worse", Title = "Worse", Synonyms = ["bad", "not good"] },
    ];

    private static readonly List<Choice> Rhythm =
    [
        new() { Value = "Daily", Title = "Every day", Synonyms = ["daily"] },
        new() { Value = "EveryFewDays", Title = "Every few days", Synonyms = ["few days"] },
        new() { Value = "Weekly", Title = "Once a week", Synonyms = ["weekly"] },
        new() { Value = "None", Title = "No reminders", Synonyms = ["none", "never", "no"] },
    ];

    private static readonly List<Choice> Consent = [new() { Value = "Yes" }, new() { Value = "Not now", Synonyms = ["later"] }];

    private static readonly List<Choice> Satisfied = [new() { Value = "keep", Title = "I'm happy with it", Synonyms = ["happy"] }, new() { Value = "revise", Title = "Revise it" }];

    [Theory]
    [InlineData("Better, she actually talked to me at breakfast", "better")]
    [InlineData("a bit better", "better")]
    [InlineData("WORSE. we argued again", "worse")]
    [InlineData("about the same i guess", "same")]
    [InlineData("2", "same")]
    [InlineData("the second one", "same")]
    [InlineData("beter", "better")]
    public void An_option_named_inside_a_sentence_is_understood(string typed, string expected) =>
        Assert.Equal(expected, Recognizers.MatchChoice(typed, Communication)?.Value);

    [Theory]
    [InlineData("Every day please, I want to stay accountable", "Daily")]
    [InlineData("every few days is good", "EveryFewDays")]
    [InlineData("evrey few days", "EveryFewDays")]
    [InlineData("no reminders thanks", "None")]
    public void Rhythm_answers_in_own_words(string typed, string expected) => Assert.Equal(expected, Recognizers.MatchChoice(typed, Rhythm)?.Value);

    [Theory]
    [InlineData("ok fine", "Yes")]
    [InlineData("ok", "Yes")]
    [InlineData("sure, let's do it", "Yes")]
    [InlineData("yep", "Yes")]
    [InlineData("nah", "Not now")]
    [InlineData("not really", "Not now")]
    [InlineData("maybe later", "Not now")]
    public void Yes_and_no_words_pick_the_yes_and_no_options(string typed, string expected) => Assert.Equal(expected, Recognizers.MatchChoice(typed, Consent)?.Value);

    [Theory]
    [InlineData("im happy with it", "keep")]
    [InlineData("I'm happy with it!", "keep")]
    [InlineData("revise", "revise")]
    public void Apostrophes_and_punctuation_do_not_matter(string typed, string expected) => Assert.Equal(expected, Recognizers.MatchChoice(typed, Satisfied)?.Value);

    [Theory]
    [InlineData("not better")]
    [InlineData("im not happy with it")]
    public void A_negated_option_is_not_taken_as_that_option(string typed)
    {
        var choices = typed.Contains("happy", StringComparison.Ordinal) ? Satisfied : Communication;
        var found = Recognizers.MatchChoice(typed, choices)?.Value;
        Assert.NotEqual(typed.Contains("happy", StringComparison.Ordinal) ? "keep" : "better", found);
    }

    [Fact]
    public void An_answer_naming_two_options_is_ambiguous_not_guessed()
    {
        var match = Recognizers.Match("better in the morning but worse by the evening", Communication);
        Assert.Null(match.Found);
        Assert.Equal([0, 2], match.Ambiguous);
    }

    [Theory]
    [InlineData("Yes, I think so?", true)]
    [InlineData("yes mark it done", true)]
    [InlineData("ok fine", true)]
    [InlineData("let's do it", true)]
    [InlineData("nah", false)]
    [InlineData("not really", false)]
    [InlineData("I don't think so", false)]
    public void Yes_and_no_phrases(string typed, bool expected)
    {
        Assert.True(Recognizers.TryConfirm(typed, out var yes));
        Assert.Equal(expected, yes);
    }

    [Theory]
    [InlineData("I'm not sure")]
    [InlineData("idk")]
    [InlineData("yes and no")]
    [InlineData("I think Jen wants to try talking tonight, what should I say? ok")]
    public void Unsure_mixed_or_buried_answers_are_neither_yes_nor_no(string typed) => Assert.False(Recognizers.TryConfirm(typed, out _));

    [Theory]
    [InlineData("step three", 3)]
    [InlineData("Step 3", 3)]
    [InlineData("the third step", 3)]
    [InlineData("go to step 5 please", 5)]
    [InlineData("step one", 1)]
    [InlineData("3rd step", 3)]
    [InlineData("step 9", 9)]
    [InlineData("step nine", 9)]
    public void Step_numbers_in_digits_words_and_ordinals(string typed, int expected)
    {
        Assert.True(Recognizers.TryStepNumber(typed, out var step));
        Assert.Equal(expected, step);
    }

    [Theory]
    [InlineData("I'm on step 3 and it is hard")]
    [InlineData("steps")]
    [InlineData("three")]
    public void Sentences_about_steps_are_not_step_commands(string typed) => Assert.False(Recognizers.TryStepNumber(typed, out _));

    [Theory]
    [InlineData("seven", "7")]
    [InlineData("٣", "3")]
    [InlineData("３", "3")]
    [InlineData("about an eight", "8")]
    public void Numbers_in_words_and_in_any_script(string typed, string expected)
    {
        Assert.True(Recognizers.TryNumber(typed, out var n));
        Assert.Equal(expected, n);
    }

    [Theory]
    [InlineData("３pm", 15)]
    [InlineData("seven pm", 19)]
    [InlineData("8 in the evening", 20)]
    [InlineData("at 9 tonight please", 21)]
    [InlineData("7pm-ish", 19)]
    public void Times_in_words_and_any_script(string typed, int hour)
    {
        Assert.True(Recognizers.TryTimeOfDay(typed, out var time));
        Assert.Equal(new TimeOnly(hour, 0), time);
    }

    [Theory]
    [InlineData("٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣٣")]
    [InlineData("１２３４５６７８９０１２３４５６７８９:９９")]
    [InlineData("+٠٥:٣٠")]
    [InlineData("utc+９９９９９９９９９９９")]
    [InlineData("tuesday at ٩٩٩٩٩٩٩٩٩٩٩٩pm")]
    public void Digits_of_any_script_never_throw(string typed)
    {
        Recognizers.TryNumber(typed, out _);
        Recognizers.TryTimeOfDay(typed, out _);
        Recognizers.TryStepNumber(typed, out _);
        Recognizers.Match(typed, Rhythm);
        TimeZones.TryResolve(typed, out _);
        TrustBot.Journey.Steps.TalkTime.TryParse(typed, new DateTime(2026, 11, 2, 18, 0, 0), out _);
    }

    [Theory]
    [InlineData("?", nameof(GlobalCommand.Help))]
    [InlineData("??", nameof(GlobalCommand.Help))]
    [InlineData("menu please", nameof(GlobalCommand.Menu))]
    [InlineData("can you show me my progress", nameof(GlobalCommand.Progress))]
    [InlineData("I want to check-in", nameof(GlobalCommand.CheckIn))]
    [InlineData("Continue my journey: Step 1: Acknowledge the damage", nameof(GlobalCommand.ContinueJourney))]
    [InlineData("change my name", nameof(GlobalCommand.Settings))]
    [InlineData("Settings", nameof(GlobalCommand.Settings))]
    [InlineData("stop lying to me", nameof(GlobalCommand.None))]
    [InlineData("let's start", nameof(GlobalCommand.None))]
    public void Commands_with_polite_words_and_long_button_titles(string typed, string expected) =>
        Assert.Equal(Enum.Parse<GlobalCommand>(expected), GlobalCommands.Recognize(typed));

    [Theory]
    [InlineData("thank you so much, this actually helped a lot", Aside.Thanks)]
    [InlineData("hi", Aside.Greeting)]
    [InlineData("Hello again!", Aside.Greeting)]
    [InlineData("what can you do", Aside.Capabilities)]
    [InlineData("is this confidential? does my partner see this?", Aside.Privacy)]
    [InlineData("who sees this", Aside.Privacy)]
    [InlineData("I'm not sure", Aside.NotSure)]
    [InlineData("i already did this", Aside.AlreadyDone)]
    [InlineData("what did I write last time?", Aside.WhatDidIWrite)]
    [InlineData("Better, she actually talked to me at breakfast", Aside.None)]
    [InlineData("She said hi to me this morning and it felt good", Aside.None)]
    public void Asides_are_recognised(string typed, Aside expected) => Assert.Equal(expected, Asides.Recognize(typed));

    [Fact]
    public void Matching_a_long_message_stays_fast()
    {
        var longText = string.Concat(Enumerable.Repeat("we talked about everything and nothing and it felt strange ", 60));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 200; i++) Recognizers.Match(longText, Rhythm);
        Assert.True(watch.ElapsedMilliseconds < 2000, $"200 long matches took {watch.ElapsedMilliseconds} ms");
    }
}
