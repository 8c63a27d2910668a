using TrustBot.Safety;

namespace TrustBot.Tests.Safety;

public sealed class SafetyMessagesTests
{
    private static readonly string[] s_lines = ["Emergency: 999", "Samaritans: call 116 123 (free, any time)"];

    [Theory]
    [InlineData(SafetyCategory.SelfHarm, SafetySide.SelfHarm)]
    [InlineData(SafetyCategory.Violence, SafetySide.BeingHurt)]
    [InlineData(SafetyCategory.Violence, SafetySide.MightHurtSomeone)]
    [InlineData(SafetyCategory.FearForSafety, SafetySide.BeingHurt)]
    public void Message_is_short_gives_every_resource_sets_the_steps_aside_and_asks_if_the_person_is_safe(SafetyCategory category, SafetySide side)
    {
        var messages = SafetyMessages.Compose(category, side, s_lines);

        Assert.Equal(3, messages.Count);
        var all = string.Join("\n", messages);
        foreach (var line in s_lines)
        {
            Assert.Contains(line, all, StringComparison.Ordinal);
        }

        Assert.Contains("aren't meant for relationships where there is abuse or danger", all, StringComparison.Ordinal);
        Assert.EndsWith("Are you safe right now?", messages[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("where you were", all, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.True(m.Length <= 400, $"too long for one chat bubble: {m.Length}"));
    }

    [Fact]
    public void Before_the_program_has_started_the_message_says_honestly_that_it_is_not_for_abusive_relationships()
    {
        var last = SafetyMessages.Compose(SafetyCategory.Violence, SafetySide.BeingHurt, s_lines, firstContact: true)[^1];
        Assert.Contains("isn't meant for relationships where there is abuse", last, StringComparison.Ordinal);
        Assert.DoesNotContain("set them aside", last, StringComparison.Ordinal);
    }

    [Fact]
    public void First_line_is_specific_to_the_category()
    {
        var firsts = new[] { (SafetyCategory.SelfHarm, SafetySide.SelfHarm), (SafetyCategory.Violence, SafetySide.BeingHurt), (SafetyCategory.FearForSafety, SafetySide.BeingHurt) }
            .Select(c => SafetyMessages.Compose(c.Item1, c.Item2, s_lines)[0])
            .ToList();
        Assert.Equal(3, firsts.Distinct().Count());
        Assert.Contains("hold it alone", firsts[0], StringComparison.Ordinal);
        Assert.Contains("hurt or threatened", firsts[1], StringComparison.Ordinal);
        Assert.Contains("afraid of a partner", firsts[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_person_being_hurt_is_never_told_about_hurting_someone_and_a_person_who_might_hurt_someone_is_told_where_to_turn()
    {
        var victim = SafetyMessages.Opener(SafetyCategory.Violence, SafetySide.BeingHurt);
        var perpetrator = SafetyMessages.Opener(SafetyCategory.Violence, SafetySide.MightHurtSomeone);

        Assert.DoesNotContain("might hurt", victim, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not your fault", victim, StringComparison.Ordinal);
        Assert.Contains("fear you might", perpetrator, StringComparison.Ordinal);
        Assert.DoesNotContain("not your fault", perpetrator, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_resources_fall_back_to_the_built_in_lines()
    {
        var all = string.Join("\n", SafetyMessages.Compose(SafetyCategory.SelfHarm, SafetySide.SelfHarm, ["  "]));
        Assert.Contains("findahelpline.com", all, StringComparison.Ordinal);
        Assert.Contains("emergency number", all, StringComparison.Ordinal);
        Assert.Contains("findahelpline.com", SafetyMessages.QuietWays([]), StringComparison.Ordinal);
    }

    [Fact]
    public void Quick_exit_note_says_how_long_the_bot_stays_silent()
    {
        Assert.Contains("next 3 days", SafetyMessages.QuickExitNote(TimeSpan.FromHours(72)), StringComparison.Ordinal);
        Assert.Contains("next 36 hours", SafetyMessages.QuickExitNote(TimeSpan.FromHours(36)), StringComparison.Ordinal);
        Assert.DoesNotContain("won't send", SafetyMessages.QuickExitNote(TimeSpan.Zero), StringComparison.Ordinal);
        Assert.Contains("delete my data", SafetyMessages.QuickExitNote(TimeSpan.FromHours(72)), StringComparison.Ordinal);
    }

    [Fact]
    public void Composing_for_no_crisis_is_a_caller_error_that_says_what_to_check()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SafetyMessages.Compose(SafetyCategory.None, SafetySide.BeingHurt, s_lines));
        Assert.Contains("IsCrisis", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("he hits me when he's drunk", SafetySide.BeingHurt)]
    [InlineData("my husband hits me when he's drunk, is this app for me?", SafetySide.BeingHurt)]
    [InlineData("he said if I leave he'll kill me", SafetySide.BeingHurt)]
    [InlineData("I'm scared of my partner", SafetySide.BeingHurt)]
    [InlineData("I hit her last night and I hate myself for it", SafetySide.MightHurtSomeone)]
    [InlineData("I'm afraid I might hurt someone", SafetySide.MightHurtSomeone)]
    [InlineData("sometimes I feel like I could strangle him", SafetySide.MightHurtSomeone)]
    [InlineData("he pushed me so I pushed him back", SafetySide.BeingHurt)]
    [InlineData("I want to kill myself", SafetySide.SelfHarm)]
    public void Side_is_read_from_the_message_not_from_the_role(string message, SafetySide expected)
    {
        var assessment = new PhraseSafetyDetector().Assess(message);
        Assert.True(assessment.IsCrisis, $"the phrase rules should flag: {message}");
        Assert.Equal(expected, SafetySides.Of(assessment, message));
    }
}
