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
        configuration.GetSection(SafetyResources.Section).Bind(resources);

        Assert.Contains(SafetyResources.DefaultKey, resources.Keys);
        foreach (var (key, lines) in resources)
        {
            Assert.True(key == SafetyResources.DefaultKey || (key.Length == 2 && key.All(char.IsAsciiLetterUpper)),
                $"'{key}' should be an upper-case ISO 3166 country code or 'default'");
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.False(string.IsNullOrWhiteSpace(l)));
        }
    }
}
