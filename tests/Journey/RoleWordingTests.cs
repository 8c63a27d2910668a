using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

/// <summary>
/// The wording audit: walks every step (1 to 8) and a check-in for each role, answering each reply the way a
/// person would (clicking a button or typing a sentence), and checks that no role is shown a text written for another.
/// </summary>
public sealed class RoleWordingTests
{
    private const string Sentence = "im sorry i lied to you, i know it hurt you, it was my fault and i will be honest from now on";

    public static TheoryData<string, string> Roles => new()
    {
        { "I was hurt", nameof(PartnerRole.Hurt) },
        { "I broke the trust", nameof(PartnerRole.Repairing) },
        { "We're both working on it", nameof(PartnerRole.Both) },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_step_shows_each_role_only_its_own_examples(string roleButton, string roleName)
    {
        var role = Enum.Parse<PartnerRole>(roleName);
        var h = new JourneyHarness();
        var seen = await WalkEveryStepAsync(h, roleButton);
        var all = string.Join("\n", seen);

        foreach (var (owner, text) in JourneySteps.Standard.RoleSpecificTexts)
        {
            if (owner == role) Assert.True(all.Contains(text, StringComparison.Ordinal), $"The {role} walk never showed its own text: {text}");
            else Assert.False(all.Contains(text, StringComparison.Ordinal), $"The {role} walk was shown the {owner} text: {text}");
        }
        Assert.DoesNotContain("boundaries you agreed on", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("infidelity", all, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Step 6 (Work on yourself) fits well right now", all, StringComparison.Ordinal);
        Assert.Contains("rebuilding trust after lies", all, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 8), (await h.ProfileAsync())!.StepsDone);
    }

    [Fact]
    public async Task Hurt_partner_is_never_offered_to_pause_when_feeling_defensive_and_repairing_partner_never_says_ill_say_when()
    {
        var hurt = string.Join("\n", await WalkEveryStepAsync(new JourneyHarness(), "I was hurt"));
        Assert.DoesNotContain("when I feel defensive", hurt, StringComparison.Ordinal);
        var repairing = string.Join("\n", await WalkEveryStepAsync(new JourneyHarness(), "I broke the trust"));
        Assert.DoesNotContain("I'll say when", repairing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_tip_matches_an_affair_only_when_that_is_what_broke_the_trust()
    {
        var h = new JourneyHarness();
        await h.Flow()
            .Send("hi").SkipReplies().Send("yes").SkipReplies().Send("Sam").SkipReplies().Send("I was hurt").SkipReplies()
            .Send("Infidelity").SkipReplies().Send("Yes").SkipReplies().Send("No reminders").SkipReplies().Send("Show me the menu").SkipReplies()
            .Send("step 6").SkipReplies().Send("i go quiet when i am hurt").SkipReplies().Send("tell him one thing i need").SkipReplies()
            .Send("Yes, please").AssertReplyContains("recovering after infidelity")
            .StartTestAsync();
    }

    /// <summary>Opens each step in turn and answers until it is marked done, then checks in; returns every text and button shown.</summary>
    private static async Task<List<string>> WalkEveryStepAsync(JourneyHarness h, string roleButton)
    {
        await h.Onboarded(roleButton).StartTestAsync();
        var seen = new List<string>();
        for (var n = 1; n <= 8; n++)
        {
            var last = await SendAsync(h, $"step {n}", seen);
            for (var turn = 0; turn < 30 && last is not null; turn++)
            {
                if (TestFlow.TextOf(last).Contains($"mark step {n} as done", StringComparison.Ordinal))
                {
                    await SendAsync(h, "Mark as done", seen);
                    break;
                }
                last = await SendAsync(h, AnswerTo(last), seen);
            }
        }
        h.Clock.Advance(TimeSpan.FromHours(2));
        var reply = await SendAsync(h, "check in", seen);
        for (var turn = 0; turn < 10 && reply is not null && !TestFlow.ButtonsOf(reply).Contains("Check in"); turn++)
            reply = await SendAsync(h, AnswerTo(reply), seen);
        return seen;
    }

    /// <summary>What a person would answer: a number for a scale, "No" to "add another", skip where offered, else the first button or a sentence.</summary>
    private static string AnswerTo(Activity reply)
    {
        var buttons = TestFlow.ButtonsOf(reply);
        if (TestFlow.TextOf(reply).Contains("1 to 10", StringComparison.Ordinal)) return "6";
        if (buttons.Contains("No")) return "No";
        if (buttons.Contains("Skip")) return "skip";
        return buttons.Count > 0 ? buttons[0] : Sentence;
    }

    private static async Task<Activity?> SendAsync(JourneyHarness h, string text, List<string> seen)
    {
        await h.Adapter.ProcessActivityAsync(Activity.CreateMessage(text), h.Bot.OnTurnAsync, CancellationToken.None);
        Activity? last = null;
        while (h.Adapter.NextReply() is { } reply)
        {
            seen.Add(TestFlow.TextOf(reply) + " [" + string.Join(" | ", TestFlow.ButtonsOf(reply)) + "]");
            last = reply;
        }
        return last;
    }
}
