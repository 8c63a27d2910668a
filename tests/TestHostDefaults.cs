using System.Runtime.CompilerServices;

namespace TrustBot.Tests;

internal static class TestHostDefaults
{
    /// <summary>
    /// Every host a test starts (in process, or a bot process it launches) reads environment variables, so this one
    /// setting keeps the safety check's meaning layer off in them: once the MiniLM model is loaded, every message of
    /// every host test would otherwise be run through it, seconds of CPU the conversations under test do not need.
    /// The safety tests that measure the model use it directly, and a test can still turn it on with
    /// <c>Safety:Meaning:Enabled</c> in its own settings, which win over the environment.
    /// </summary>
    [ModuleInitializer]
    internal static void MeaningLayerOffInTestHosts()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null) Environment.SetEnvironmentVariable(Variable, "false");
    }

    internal const string Variable = "Safety__Meaning__Enabled";
}
