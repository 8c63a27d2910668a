using System.Text.Json.Serialization;
using TrustBot.Dialogs;
using TrustBot.Journey;
using TrustBot.Testing;

namespace TrustBot.Tests.Journey;

/// <summary>What the test-only step collects.</summary>
internal sealed class QuietMomentData
{
    public bool Paused { get; set; }
}

/// <summary>
/// A step that exists only in this test: written exactly as the README's "Adding a step" checklist says (its data,
/// its data in a generated JSON context, a dialog deriving from <see cref="JourneyStepDialog{TData}"/> that declares
/// its id, number and title), so the test shows the checklist is enough.
/// </summary>
internal sealed class QuietMomentDialog : JourneyStepDialog<QuietMomentData>
{
    private const string PausePrompt = "quietMoment.pause";

    public QuietMomentDialog() : base(nameof(QuietMomentDialog), 9, "Take a quiet moment", QuietMomentJson.Default.QuietMomentData)
    {
        AddSteps(AskToPauseStepAsync, ThankStepAsync);
        AddDialog(new ChoicePrompt(PausePrompt, NonAnswers.ChoiceOrSkipAsync));
    }

    private static Task<DialogTurnResult> AskToPauseStepAsync(WaterfallStepContext<QuietMomentData> step, CancellationToken ct) =>
        step.PromptAsync(PausePrompt, new PromptOptions
        {
            Prompt = Schema.Activity.CreateMessage("Take three slow breaths before you answer. Ready?"),
            Choices = [new Choice { Value = "ready", Title = "Ready", Synonyms = ["yes", "ok", "done"] }],
        }, ct);

    private static async Task<DialogTurnResult> ThankStepAsync(WaterfallStepContext<QuietMomentData> step, CancellationToken ct)
    {
        step.Data.Paused = step.Result is FoundChoice;
        await step.SendAsync("Thank you for pausing.", ct);
        return await step.NextAsync(null, ct);
    }
}

// Production steps list their data in StepsJson; a step outside the bot's assembly brings its own context.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(QuietMomentData))]
internal sealed partial class QuietMomentJson : JsonSerializerContext
{
}

public sealed class AddingAStepTests
{
    /// <summary>The standard journey plus the test step: the one registration line the checklist asks for.</summary>
    private static JourneySteps WithQuietMoment() => new([.. JourneyDialogs.StandardSteps(), new QuietMomentDialog()]);

    [Fact]
    public async Task A_registered_ninth_step_is_offered_counted_opened_and_finished_with_no_other_edit()
    {
        var h = new JourneyHarness(steps: WithQuietMoment());
        await h.Onboarded().StartTestAsync();
        await h.UpdateProfileAsync(p => p.StepsDone = [1, 2, 3, 4, 5, 6, 7, 8]);

        await h.Flow()
            .Send("menu").AssertReply(a => TestFlow.ButtonsOf(a)[0] == "Continue my journey: Step 9: Take a quiet moment", "the menu continues with step 9")
            .Send("my progress").AssertReply(a => TestFlow.TextOf(a).Contains("8 of 9 (1, 2, 3, 4, 5, 6, 7, 8)") && TestFlow.TextOf(a).Contains("Step 9: Take a quiet moment"),
                "progress counts nine steps and is now on step 9")
            .AssertReplyContains("What would you like to do?")
            .Send("steps").AssertReply(a => TestFlow.ButtonsOf(a).Count == 9 && TestFlow.ButtonsOf(a)[8] == "Step 9: Take a quiet moment", "the step list ends with step 9")
            .Send("continue my journey").AssertReply("Take three slow breaths before you answer. Ready?")
            .Send("ok").AssertReply("Thank you for pausing.")
            .AssertReply("Would you like to mark step 9 as done, or stay with it a while longer?")
            .Send("mark as done").AssertReply("Step 9 is marked as done, and with it all nine steps. That is real, steady work. Keep checking in: trust keeps growing with practice.")
            .SkipReplies()
            .Send("step 10").AssertReply("There are nine steps, numbered 1 to 9.")
            .StartTestAsync();

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9], (await h.ProfileAsync())!.StepsDone);
    }

    [Fact]
    public async Task Finishing_step_8_points_to_the_registered_step_9()
    {
        var h = new JourneyHarness(steps: WithQuietMoment());
        await h.Onboarded().StartTestAsync();
        await h.UpdateProfileAsync(p => p.StepsDone = [1, 2, 3, 4, 5, 6, 7]);

        await h.Flow()
            .Send("step 8").SkipReplies()
            .Send("Go for a walk and write to a friend").SkipReplies()
            .Send("mark as done").AssertReply("Step 8 is marked as done. When you're ready, Step 9: Take a quiet moment is next.")
            .StartTestAsync();
    }

    [Fact]
    public void Steps_numbered_with_a_gap_or_a_repeat_stop_the_bot_at_start()
    {
        var standard = JourneyDialogs.StandardSteps();
        Assert.Throws<ArgumentException>(() => new JourneySteps([.. standard.Take(7), new QuietMomentDialog()]));
        Assert.Throws<ArgumentException>(() => new JourneySteps([.. standard, standard[0]]));
    }
}
