using TrustBot.Safety;

namespace TrustBot.Tests.Safety;

/// <summary>The lexical gate keeps ordinary turns off the model and lets danger-shaped messages through.</summary>
public sealed class SafetyGateTests
{
    // Every answer of the benchmark's onboarding and check-in, and the buttons and commands people send.
    public static readonly string[] OrdinaryTurns =
    [
        "hi", "Yes", "Sam", "I was hurt", "Dishonesty", "Every day", "7pm", "London", "Show me the menu",
        "check in", "7", "Better", "skip", "Skip", "About the same", "Worse", "10", "3", "no", "yes please", "menu", "help",
        "continue my journey", "step 3", "steps", "progress", "wins", "reminders", "pause reminders", "cancel", "start over",
        "a bit tired", "good thanks", "ok", "thanks", "8/10", "i'm safe", "Mark it done", "Not yet",
    ];

    private static GateResult Gate(string text) => SafetyGate.Check(SafetyText.Normalize(text));

    [Fact]
    public void Check_in_answers_buttons_and_commands_never_open_the_gate()
    {
        var opened = OrdinaryTurns.Where(t => Gate(t).Open).ToList();
        Assert.True(opened.Count == 0, "opened on: " + string.Join(", ", opened));
    }

    [Theory]
    [InlineData("ive been saving my sleeping pills")]
    [InlineData("he keeps the gun on the table")]
    [InlineData("this is goodbye")]
    [InlineData("pills")]
    public void Means_weapons_and_goodbyes_open_the_gate_as_urgent_even_when_short(string text)
    {
        var gate = Gate(text);
        Assert.True(gate.Open);
        Assert.True(gate.Urgent);
    }

    [Theory]
    [InlineData("i know how i will do it when everyone is asleep")]
    [InlineData("after the school run on friday im not coming back")]
    [InlineData("i will make it look like an accident so she gets the insurance")]
    public void A_plan_shaped_message_without_a_means_is_urgent(string text)
    {
        var gate = Gate(text);
        Assert.True(gate.Open);
        Assert.True(gate.Urgent);
    }

    [Theory]
    [InlineData("he locked me in the bedroom")]
    [InlineData("she took my passport away")]
    [InlineData("im so scared of him")]
    [InlineData("he says he will hurt the dog")]
    public void Risk_vocabulary_opens_the_gate(string text)
    {
        var gate = Gate(text);
        Assert.True(gate.Open);
        Assert.False(gate.Urgent);
    }

    [Theory]
    [InlineData("on sunday when hes at his brothers ill do it")]
    [InlineData("i know exactly what im going to do when i get home")]
    public void A_sentence_about_a_person_opens_the_gate_without_any_risk_word(string text) => Assert.True(Gate(text).Open);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("scared")]
    [InlineData("so tired")]
    public void Blank_and_very_short_text_without_an_urgent_word_stays_closed(string text) => Assert.False(Gate(text).Open);
}
