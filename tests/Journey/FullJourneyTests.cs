using TrustBot.Journey;
using TrustBot.Schema;
using TrustBot.Testing;
using Xunit.Abstractions;

namespace TrustBot.Tests.Journey;

/// <summary>From first hello to step 8, then two check-ins and the progress card, entirely in conversation.</summary>
public sealed class FullJourneyTests(ITestOutputHelper output)
{
    private const string Apology =
        "I'm sorry I lied to you about the money. I know it hurt you and made it hard to rely on me. " +
        "That was my choice and I take responsibility for it. From now on I will be open about our finances.";

    /// <summary>Answers whatever the bot last asked the way a cooperative person would.</summary>
    private static string AnswerTo(Activity question)
    {
        var buttons = TestFlow.ButtonsOf(question);
        var text = TestFlow.TextOf(question);
        foreach (var preferred in new[] { "Mark as done", "No", "Skip", "Done", "I'm done", "Not now", "That's all" })
            if (buttons.Contains(preferred)) return preferred;
        if (text.Contains("1 to 10", StringComparison.OrdinalIgnoreCase) || text.Contains("1–10", StringComparison.Ordinal)) return "7";
        if (text.Contains("I feel", StringComparison.Ordinal)) return "I feel hopeful when we talk calmly because it helps me trust again";
        if (text.Contains("apolog", StringComparison.OrdinalIgnoreCase) && text.Contains("draft", StringComparison.OrdinalIgnoreCase)) return Apology;
        if (text.Contains("skip", StringComparison.OrdinalIgnoreCase)) return "skip";
        if (buttons.Count > 0) return buttons[0];
        return "I want to keep going, one small step at a time.";
    }

    [Fact]
    public async Task A_person_goes_from_hello_through_all_eight_steps_then_checks_in_twice_and_sees_progress()
    {
        var h = new JourneyHarness();
        await h.Onboarded("We're both working on it").StartTestAsync();

        for (var step = 1; step <= 8; step++)
        {
            h.Adapter.ClearReplies();
            await h.Flow().Send("continue my journey").StartTestAsync();
            var opened = TestFlow.TextOf(h.Adapter.NextReply()!);
            output.WriteLine($"step {step} opens with: {opened[..Math.Min(80, opened.Length)]}");

            for (var turn = 0; !(await h.ProfileAsync())!.StepsDone.Contains(step); turn++)
            {
                Assert.True(turn < 30, $"Step {step} did not finish within 30 answers; last bot message: {TestFlow.TextOf(h.Adapter.Sent[^1])}");
                var answer = AnswerTo(h.Adapter.Sent[^1]);
                h.Adapter.ClearReplies();
                await h.Flow().Send(answer).StartTestAsync();
            }
            h.Clock.Advance(TimeSpan.FromHours(1));
        }
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], (await h.ProfileAsync())!.StepsDone);

        await CheckInAsync(h, trust: 5);
        h.Clock.Advance(TimeSpan.FromDays(1));
        await CheckInAsync(h, trust: 7);

        var profile = (await h.ProfileAsync())!;
        Assert.Equal((2, 2, 7), (profile.CheckInCount, profile.Streak, profile.LastTrust));

        h.Adapter.ClearReplies();
        await h.Flow().Send("progress")
            .AssertReply(a => TestFlow.TextOf(a).Contains("8 of 8") && a.Attachments?[0].ContentType == AttachmentContentTypes.AdaptiveCard, "the progress card with all steps done")
            .StartTestAsync();
        Assert.Equal(2, await h.RowCountAsync(RecordKinds.CheckIn + "/"));
    }

    private static async Task CheckInAsync(JourneyHarness h, int trust)
    {
        h.Adapter.ClearReplies();
        await h.Flow().Send("check in").StartTestAsync();
        await h.Flow().Send(trust.ToString(System.Globalization.CultureInfo.InvariantCulture)).StartTestAsync();
        var before = (await h.ProfileAsync())!.CheckInCount;
        for (var turn = 0; (await h.ProfileAsync())!.CheckInCount == before; turn++)
        {
            Assert.True(turn < 10, "The check-in did not finish within 10 answers.");
            var answer = AnswerTo(h.Adapter.Sent[^1]);
            h.Adapter.ClearReplies();
            await h.Flow().Send(answer == "7" ? trust.ToString(System.Globalization.CultureInfo.InvariantCulture) : answer).StartTestAsync();
        }
    }
}
