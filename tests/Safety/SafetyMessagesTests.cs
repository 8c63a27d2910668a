using TrustBot.Safety;

namespace TrustBot.Tests.Safety;

public sealed class SafetyMessagesTests
{
    private static readonly string[] s_lines = ["Emergency: 999", "Samaritans: call 116 123 (free, any time)"];

    [Theory]
    [InlineData(SafetyCategory.SelfHarm)]
    [InlineData(SafetyCategory.Violence)]
    [InlineData(SafetyCategory.FearForSafety)]
    public void Message_is_short_gives_every_resource_and_says_the_steps_are_paused(SafetyCategory category)
    {
        var messages = SafetyMessages.Compose(category, s_lines);

        Assert.InRange(messages.Count, 1, 3);
        var all = string.Join("\n", messages);
        Assert.Contains("glad you told me", all.Replace("Thank you for telling me", "glad you told me", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        foreach (var line in s_lines)
        {
            Assert.Contains(line, all, StringComparison.Ordinal);
        }

        Assert.Contains("aren't meant for relationships where there is abuse or danger", all, StringComparison.Ordinal);
        Assert.Contains("Whenever you're ready", all, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.True(m.Length <= 400, $"too long for one chat bubble: {m.Length}"));
    }

    [Fact]
    public void First_line_is_specific_to_the_category()
    {
        var firsts = new[] { SafetyCategory.SelfHarm, SafetyCategory.Violence, SafetyCategory.FearForSafety }
            .Select(c => SafetyMessages.Compose(c, s_lines)[0])
            .ToList();
        Assert.Equal(3, firsts.Distinct().Count());
        Assert.Contains("hold it alone", firsts[0], StringComparison.Ordinal);
        Assert.Contains("hurt or threatened", firsts[1], StringComparison.Ordinal);
        Assert.Contains("afraid of a partner", firsts[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Violence_wording_speaks_to_a_repairing_partner_who_may_have_hurt_someone()
    {
        var repairing = SafetyMessages.Compose(SafetyCategory.Violence, s_lines, "Repairing")[0];
        Assert.Contains("If you have hurt someone", repairing, StringComparison.Ordinal);
        Assert.NotEqual(repairing, SafetyMessages.Compose(SafetyCategory.Violence, s_lines, "hurt")[0]);
        Assert.Equal(SafetyMessages.Compose(SafetyCategory.Violence, s_lines, null)[0], SafetyMessages.Compose(SafetyCategory.Violence, s_lines, "both")[0]);
    }

    [Fact]
    public void Empty_resources_fall_back_to_the_built_in_lines()
    {
        var all = string.Join("\n", SafetyMessages.Compose(SafetyCategory.SelfHarm, ["  "]));
        Assert.Contains("findahelpline.com", all, StringComparison.Ordinal);
        Assert.Contains("emergency number", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Composing_for_no_crisis_is_a_caller_error_that_says_what_to_check()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SafetyMessages.Compose(SafetyCategory.None, s_lines));
        Assert.Contains("IsCrisis", error.Message, StringComparison.Ordinal);
    }
}
