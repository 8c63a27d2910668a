using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TrustBot.Bot.Hosting;
using TrustBot.Safety;

namespace TrustBot.Tests.Safety;

public sealed class SafetyResourcesTests
{
    private static SafetyResources Sample() => new()
    {
        ["default"] = ["Call your local emergency number."],
        ["GB"] = ["Emergency: 999", "Samaritans: 116 123"],
        ["tw"] = ["Taiwan line"],
    };

    [Theory]
    [InlineData("GB")]
    [InlineData("gb")]
    [InlineData("en-GB")]
    [InlineData("en_gb")]
    [InlineData(" EN-gb ")]
    [InlineData("cy-GB")]
    public void Country_is_taken_from_a_code_or_a_locale_case_insensitively(string value) =>
        Assert.Equal(["Emergency: 999", "Samaritans: 116 123"], Sample().For(value));

    [Fact]
    public void Region_after_a_script_subtag_is_used() =>
        Assert.Equal(["Taiwan line"], Sample().For("zh-Hant-TW"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fr-FR")]
    [InlineData("en")]
    [InlineData("es-419")]
    [InlineData("not a locale")]
    public void Unknown_or_missing_country_falls_back_to_default(string? value) =>
        Assert.Equal(["Call your local emergency number."], Sample().For(value));

    [Fact]
    public void Without_any_configuration_the_built_in_lines_are_used()
    {
        Assert.Equal(SafetyResources.BuiltInFallback, new SafetyResources().For("en-GB"));
        Assert.NotEmpty(SafetyResources.BuiltInFallback);
    }

    [Fact]
    public void Blank_lines_are_ignored_and_an_all_blank_entry_falls_back()
    {
        var resources = new SafetyResources { ["GB"] = ["  ", ""], ["US"] = [" 988 ", " "], ["default"] = [] };
        Assert.Equal(SafetyResources.BuiltInFallback, resources.For("GB"));
        Assert.Equal(["988"], resources.For("en-US"));
    }

    [Fact]
    public void Appsettings_resources_bind_through_AddTrustBot()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddTrustBot(configuration).BuildServiceProvider();

        var resources = provider.GetRequiredService<IOptions<SafetyResources>>().Value;
        Assert.Contains(resources.For("en-GB"), l => l.Contains("116 123", StringComparison.Ordinal));
        Assert.Contains(resources.For("en-us"), l => l.Contains("988", StringComparison.Ordinal));
        Assert.Contains(resources.For("de-DE"), l => l.Contains("116 016", StringComparison.Ordinal));
        Assert.Contains(resources.For("xx-YY"), l => l.Contains("findahelpline.com", StringComparison.Ordinal));
        Assert.IsType<LayeredSafetyDetector>(provider.GetRequiredService<ISafetyDetector>());
    }

    [Fact]
    public void Every_configured_entry_is_a_country_code_or_default_and_has_lines()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build();
        var resources = new SafetyResources();
        SafetyResourcesBinder.Bind(configuration.GetSection(SafetyResources.Section), resources);

        Assert.Contains(SafetyResources.DefaultKey, resources.Keys);
        foreach (var (key, lines) in resources)
        {
            Assert.True(key == SafetyResources.DefaultKey || (key.Length == 2 && key.All(char.IsAsciiLetterUpper)),
                $"'{key}' should be an upper-case ISO 3166 country code or 'default'");
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l)));
        }
        Assert.All(resources.Text.Keys.Concat(resources.Chat.Keys), key => Assert.Contains(key, resources.Keys));
    }

    [Theory]
    [InlineData("en-US", "text 988")]
    [InlineData("en-GB", "SHOUT to 85258")]
    [InlineData("en-CA", "text 988")]
    [InlineData("en-AU", "0477 13 11 14")]
    [InlineData("de-DE", "Chat")]
    [InlineData("xx-YY", "findahelpline.com")]
    [InlineData("en-IN", "findahelpline.com")]
    public void Someone_who_cannot_call_gets_text_or_chat_lines_for_their_country(string locale, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddTrustBot(configuration).BuildServiceProvider();
        var resources = provider.GetRequiredService<IOptions<SafetyResources>>().Value;

        var quiet = resources.QuietFor(locale);
        Assert.Contains(quiet, l => l.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(quiet, l => l.StartsWith("Emergency:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_country_given_as_a_plain_list_keeps_working_and_environment_variables_add_text_lines()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Safety:Resources:default:0"] = "Call your local emergency number.",
            ["Safety:Resources:GB:0"] = "Emergency: 999",
            ["Safety:Resources:GB:1"] = "Samaritans: 116 123",
            ["Safety:Resources:GB:text:0"] = "Text SHOUT to 85258",
            ["Safety:Resources:US:call:0"] = "Emergency: 911",
            ["Safety:Resources:US:chat:0"] = "Chat at https://988lifeline.org/chat",
        }).Build();
        var resources = new SafetyResources();
        SafetyResourcesBinder.Bind(configuration.GetSection(SafetyResources.Section), resources);

        Assert.Equal(["Emergency: 999", "Samaritans: 116 123"], resources.For("en-GB"));
        Assert.Equal(["Text SHOUT to 85258"], resources.QuietFor("gb"));
        Assert.Equal(["Emergency: 911"], resources.For("US"));
        Assert.Equal(["Chat at https://988lifeline.org/chat"], resources.QuietFor("en-us"));
        Assert.Equal(SafetyResources.BuiltInQuietFallback, resources.QuietFor("fr-FR"));
    }

    [Fact]
    public void A_misspelt_resource_kind_stops_the_bot_with_a_message_naming_the_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Safety:Resources:GB:txt:0"] = "Text SHOUT to 85258",
        }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => SafetyResourcesBinder.Bind(configuration.GetSection(SafetyResources.Section), new SafetyResources()));
        Assert.Contains("Safety:Resources:GB:txt", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("5000")]
    [InlineData("soon")]
    public void Pause_after_a_danger_disclosure_out_of_range_stops_the_bot_at_start(string hours)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Safety:PauseProactiveHours"] = hours })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddTrustBot(configuration).BuildServiceProvider();
        var error = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IOptions<SafetyOptions>>().Value);
        Assert.Contains("PauseProactiveHours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pause_after_a_danger_disclosure_is_configured_in_hours()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Safety:PauseProactiveHours"] = "24" })
            .Build();
        using var provider = new ServiceCollection().AddLogging().AddTrustBot(configuration).BuildServiceProvider();
        Assert.Equal(TimeSpan.FromHours(24), provider.GetRequiredService<TrustBot.Journey.ReminderRules>().SafetyPause);
        Assert.Equal(TimeSpan.FromHours(72), TrustBot.Journey.ReminderRules.Default.SafetyPause);
    }
}
