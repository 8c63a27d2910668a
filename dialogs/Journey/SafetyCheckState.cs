using System.Text.Json.Serialization;
using TrustBot.Safety;

namespace TrustBot.Journey;

/// <summary>Where the safety mode stands.</summary>
internal enum SafetyStage
{
    /// <summary>The safety question is open (after the full safety message, or after the gentle check).</summary>
    Asking,

    /// <summary>The person said they are not safe.</summary>
    NotSafe,

    /// <summary>The person said they cannot talk freely.</summary>
    CantTalk,

    /// <summary>The person said they are safe; going back is offered.</summary>
    Safe,
}

/// <summary>The safety mode's state, kept on the dialog stack with the turn's state: no text, only where things stand.</summary>
internal sealed class SafetyCheckState
{
    /// <summary>What the detectors found.</summary>
    public SafetyCategory Category { get; set; }

    /// <summary>Whose safety it is about.</summary>
    public SafetySide Side { get; set; }

    public SafetyStage Stage { get; set; }

    /// <summary>True once the full safety message with the crisis lines was shown; false after only the gentle check.</summary>
    public bool FullShown { get; set; }

    /// <summary>True when the message came before the person agreed to start: after a disclosure the program is not offered until asked for.</summary>
    public bool FirstContact { get; set; }

    /// <summary>The country code for the resources, when known.</summary>
    public string? Country { get; set; }

    /// <summary>How long unprompted messages pause after a danger disclosure, in hours (to say so truthfully).</summary>
    public int PauseHours { get; set; }

    /// <summary>Set when the safety mode restarts on a further sign after the full message: a shorter repeat.</summary>
    public bool Repeat { get; set; }

    /// <summary>The button values last shown as a numbered list (channels without buttons), so "2" can be read.</summary>
    public List<string>? Offered { get; set; }
}

/// <summary>Source-generated JSON for the safety mode's state.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(SafetyCheckState))]
internal sealed partial class SafetyJson : JsonSerializerContext
{
}
