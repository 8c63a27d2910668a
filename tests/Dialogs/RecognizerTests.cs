using TrustBot.Dialogs;

namespace TrustBot.Tests.Dialogs;

public sealed class RecognizerTests
{
    [Theory]
    [InlineData("7", "7")]
    [InlineData("I'd say 8/10", "8")]
    [InlineData("6 out of 10", "6")]
    [InlineData("seven", "7")]
    [InlineData("Ten!", "10")]
    [InlineData("7.5", "7.5")]
    [InlineData("-2", "-2")]
    public void Numbers_are_found_in_digits_fractions_and_words(string input, string expected)
    {
        Assert.True(Recognizers.TryNumber(input, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("check in", "check|in")]
    [InlineData("Better", "better")]
    [InlineData("skip", "skip")]
    [InlineData("I don’t know... maybe   BETTER?!", "i|dont|know|maybe|better")]
    [InlineData("'tis rock'n'roll", "tis|rocknroll")]
    [InlineData("٣ things, ok", "3|things|ok")]
    [InlineData("' ‘ ` !", "")]
    [InlineData("It's been a long week and honestly I didn't think we would get through it, but we talked", "its|been|a|long|week|and|honestly|i|didnt|think|we|would|get|through|it|but|we|talked")]
    public void Words_are_lower_case_without_apostrophes_or_punctuation(string text, string expected)
    {
        Assert.Equal(expected, string.Join('|', Recognizers.Tokens(text)));
        // The same words again (a long text's come from the memo).
        Assert.Equal(expected, string.Join('|', Recognizers.Tokens(text)));
    }

    [Fact]
    public void Only_the_first_sixty_words_of_a_long_answer_are_read()
    {
        var text = string.Join(' ', Enumerable.Range(1, 70).Select(i => "w" + i));
        var words = Recognizers.Tokens(text);
        Assert.Equal(60, words.Count);
        Assert.Equal("w60", words[^1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("not sure")]
    [InlineData("v2")]
    public void Text_without_a_number_is_not_a_number(string? input) => Assert.False(Recognizers.TryNumber(input, out _));

    [Theory]
    [InlineData("yes", true)]
    [InlineData("Yeah!", true)]
    [InlineData("sure thing", true)]
    [InlineData("OK", true)]
    [InlineData("👍", true)]
    [InlineData("no", false)]
    [InlineData("Not now", false)]
    [InlineData("nope.", false)]
    [InlineData("No thanks", false)]
    public void Yes_and_no_words_are_understood(string input, bool expected)
    {
        Assert.True(Recognizers.TryConfirm(input, out var yes));
        Assert.Equal(expected, yes);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("")]
    [InlineData("I don't know")]
    public void Unclear_answers_are_neither_yes_nor_no(string input) => Assert.False(Recognizers.TryConfirm(input, out _));

    private static readonly List<Choice> Rhythm =
    [
        new() { Value = "Every day", Synonyms = ["daily"] },
        new() { Value = "Every few days" },
        new() { Value = "Once a week", Synonyms = ["weekly"] },
        new() { Value = "No reminders", Synonyms = ["none", "never"] },
    ];

    [Theory]
    [InlineData("2", "Every few days")]
    [InlineData("third", "Once a week")]
    [InlineData("every day", "Every day")]
    [InlineData("EVERY DAY!", "Every day")]
    [InlineData("daily", "Every day")]
    [InlineData("weekly", "Once a week")]
    [InlineData("few days", "Every few days")]
    [InlineData("week", "Once a week")]
    [InlineData("none", "No reminders")]
    public void Choices_match_by_index_title_partial_title_and_synonym(string input, string expected) =>
        Assert.Equal(expected, Recognizers.MatchChoice(input, Rhythm)?.Value);

    [Theory]
    [InlineData("every")]
    [InlineData("9")]
    [InlineData("pizza")]
    [InlineData("")]
    public void Ambiguous_or_unknown_choices_do_not_match(string input) => Assert.Null(Recognizers.MatchChoice(input, Rhythm));

    [Theory]
    [InlineData("7pm", 19, 0)]
    [InlineData("7 pm", 19, 0)]
    [InlineData("7:30pm", 19, 30)]
    [InlineData("19:00", 19, 0)]
    [InlineData("08.15", 8, 15)]
    [InlineData("12am", 0, 0)]
    [InlineData("12pm", 12, 0)]
    [InlineData("21h", 21, 0)]
    [InlineData("evening", 19, 0)]
    [InlineData("Morning", 9, 0)]
    [InlineData("around 6am", 6, 0)]
    public void Times_of_day_are_understood(string input, int hour, int minute)
    {
        Assert.True(Recognizers.TryTimeOfDay(input, out var time));
        Assert.Equal(new TimeOnly(hour, minute), time);
    }

    [Theory]
    [InlineData("25:00")]
    [InlineData("13pm")]
    [InlineData("7")]
    [InlineData("whenever")]
    [InlineData("19:75")]
    public void Impossible_or_ambiguous_times_are_rejected(string input) => Assert.False(Recognizers.TryTimeOfDay(input, out _));

    [Theory]
    [InlineData("Europe/Berlin", "Europe/Berlin")]
    [InlineData("europe/berlin", "Europe/Berlin")]
    [InlineData("Berlin", "Europe/Berlin")]
    [InlineData("new york", "America/New_York")]
    [InlineData("Tokyo", "Asia/Tokyo")]
    [InlineData("UTC+2", "UTC+02:00")]
    [InlineData("GMT-5", "UTC-05:00")]
    [InlineData("+05:30", "UTC+05:30")]
    [InlineData("utc", "Etc/UTC")]
    public void Time_zones_resolve_from_iana_names_cities_and_offsets(string input, string expected)
    {
        Assert.True(TimeZones.TryResolve(input, out var zone));
        Assert.Equal(expected, zone);
        Assert.NotNull(TimeZones.Find(zone));
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("Atlantis")]
    [InlineData("UTC+15")]
    [InlineData("+05:17")]
    [InlineData("")]
    public void Unknown_time_zones_are_rejected(string input) => Assert.False(TimeZones.TryResolve(input, out _));

    [Fact]
    public void Fixed_offset_zone_converts_times()
    {
        var zone = TimeZones.Find("UTC+05:30");
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), zone);
        Assert.Equal(new TimeSpan(5, 30, 0), local.Offset);
    }
}
