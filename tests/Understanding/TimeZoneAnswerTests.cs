using TrustBot.Dialogs;
using TrustBot.Tests.Journey;

namespace TrustBot.Tests.Understanding;

/// <summary>How people answer "Which time zone are you in?": a country, a zone's everyday name, a sentence around a place.</summary>
public sealed class TimeZoneAnswerTests
{
    [Theory]
    [InlineData("uk", "Europe/London")]
    [InlineData("UK time", "Europe/London")]
    [InlineData("England", "Europe/London")]
    [InlineData("scotland", "Europe/London")]
    [InlineData("I'm in the UK", "Europe/London")]
    [InlineData("london, uk", "Europe/London")]
    [InlineData("ireland", "Europe/Dublin")]
    [InlineData("germany", "Europe/Berlin")]
    [InlineData("CET", "Europe/Berlin")]
    [InlineData("central european time", "Europe/Berlin")]
    [InlineData("india", "Asia/Kolkata")]
    [InlineData("est", "America/New_York")]
    [InlineData("eastern", "America/New_York")]
    [InlineData("Eastern Standard Time", "America/New_York")]
    [InlineData("pacific time", "America/Los_Angeles")]
    [InlineData("PST", "America/Los_Angeles")]
    [InlineData("central", "America/Chicago")]
    [InlineData("mountain time", "America/Denver")]
    [InlineData("we live in new zealand", "Pacific/Auckland")]
    [InlineData("AEST", "Australia/Sydney")]
    [InlineData("Berlin", "Europe/Berlin")]
    [InlineData("UTC+2", "UTC+02:00")]
    [InlineData("America/New_York", "America/New_York")]
    // Tried on the running bot after the rules above: right at first ...
    [InlineData("Britain time", "Europe/London")]
    [InlineData("Paris, France", "Europe/Paris")]
    [InlineData("im in england", "Europe/London")]
    [InlineData("GMT+1", "UTC+01:00")]
    [InlineData("melbourne", "Australia/Melbourne")]
    // ... and wrong at first, then fixed.
    [InlineData("french time", "Europe/Paris")]
    [InlineData("east coast", "America/New_York")]
    [InlineData("west coast", "America/Los_Angeles")]
    [InlineData("US eastern", "America/New_York")]
    [InlineData("Eastern time (US)", "America/New_York")]
    [InlineData("NY", "America/New_York")]
    [InlineData("Cape Town", "Africa/Johannesburg")]
    [InlineData("texas", "America/Chicago")]
    [InlineData("california", "America/Los_Angeles")]
    [InlineData("uk london", "Europe/London")]
    public void A_place_or_a_zones_everyday_name_is_a_time_zone(string typed, string zone)
    {
        Assert.True(TimeZones.TryResolve(typed, out var resolved), typed);
        Assert.Equal(zone, resolved);
    }

    [Theory]
    [InlineData("i live in london", true)]
    [InlineData("eastern time", true)]
    [InlineData("UTC+2", true)]
    [InlineData("im not okay, london", false)]
    [InlineData("he lives in texas and i live in london", false)]
    [InlineData("i dont want to be here anymore paris", false)]
    public void Only_an_answer_that_is_just_a_place_counts_as_nothing_but_a_place(string typed, bool onlyAPlace) =>
        Assert.Equal(onlyAPlace, TimeZones.IsOnlyAPlace(typed));

    [Fact]
    public void Every_zone_a_country_or_everyday_name_stands_for_is_in_the_time_zone_database()
    {
        var missing = TimeZones.NamedZones.Where(id => !TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)).ToList();
        Assert.True(missing.Count == 0, "not in this machine's time zone database: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("US", "The US")]
    [InlineData("usa", "The US")]
    [InlineData("i'm in the states", "The US")]
    [InlineData("canada", "Canada")]
    [InlineData("Australia", "Australia")]
    public void A_country_with_several_time_zones_is_not_guessed(string typed, string country)
    {
        Assert.False(TimeZones.TryResolve(typed, out _));
        Assert.True(TimeZones.TryRegions(typed, out var named, out var zones));
        Assert.Equal(country, named);
        Assert.True(zones.Count > 1);
        Assert.All(zones, z => Assert.True(TimeZones.TryResolve(z.Value, out var id) && id == z.Value, z.Value));
    }

    [Fact]
    public async Task Onboarding_asks_which_of_the_us_time_zones_and_takes_the_button_or_a_typed_name()
    {
        var h = new JourneyHarness();
        await h.AtTheTimeZoneQuestion()
            .Send("usa").AssertReply(
                reply => reply.Text == "The US has several time zones. Which one is yours? A city near you works too."
                    && Testing.TestFlow.ButtonsOf(reply).SequenceEqual(["Eastern", "Central", "Mountain", "Pacific", "Alaska", "Hawaii"]),
                "the question which US time zone, with a button for each")
            .Send("pacific").AssertReplyContains("Here's what I have").SkipReplies()
            .StartTestAsync();
        Assert.Equal("America/Los_Angeles", (await h.ProfileAsync())!.TimeZone);
    }

    [Fact]
    public async Task A_us_time_zone_button_sends_a_zone_the_prompt_takes()
    {
        var h = new JourneyHarness();
        await h.Onboarded()
            .Send("change my time zone").SkipReplies()
            .Send("US").SkipReplies()
            .Send("America/Chicago").AssertReplyContains("Done. Your time zone is America/Chicago.")
            .StartTestAsync();
        Assert.Equal("America/Chicago", (await h.ProfileAsync())!.TimeZone);
    }
}
