namespace TrustBot.Journey;

/// <summary>The help message.</summary>
internal static class HelpText
{
    public const string Text =
        "Here's what you can type at any time:\n\n" +
        "- **menu**: the main menu\n" +
        "- **continue my journey**, **steps** or **step 3**: work on a step\n" +
        "- **check in**: a quick check-in on how things are\n" +
        "- **progress**, **wins**, **boundaries**: your progress, small wins and boundaries\n" +
        "- **reminders**, **pause reminders**, **resume reminders**, **stop** / **start**: when I message you\n" +
        "- **settings** or **change my name**: change any of your set-up answers\n" +
        "- **cancel**: leave what we're doing\n" +
        "- **start over**, **export my data**, **delete my data**\n\n" +
        "I'm a coaching companion, not a therapist. If you ever feel unsafe, please contact local emergency services or a crisis line; " +
        "these steps aren't meant for relationships where there is abuse or danger.";
}
