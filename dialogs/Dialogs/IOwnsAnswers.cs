namespace TrustBot.Dialogs;

/// <summary>
/// A dialog whose open question owns some messages beyond its prompt's options (for example "help" in a
/// conversation that offers help): interruptions leave such a message to the dialog instead of reading it as
/// a global command.
/// </summary>
internal interface IOwnsAnswers
{
    /// <summary>True when <paramref name="input"/> answers this dialog's open question.</summary>
    bool OwnsAnswer(DialogContext dc, string input);
}
