namespace IncidentBot.Dialogs.Commands.Declare;

/// <summary>How a declare-form field is answered; each platform picks its own input for each kind.</summary>
public enum DeclareFieldKind
{
    /// <summary>One line of free text.</summary>
    Text,

    /// <summary>Several lines of free text.</summary>
    LongText,

    /// <summary>One of <see cref="DeclareFormField.Choices"/>.</summary>
    Choice,

    /// <summary>A yes/no box; <see cref="DeclareFormField.Placeholder"/> is its text.</summary>
    Toggle,
}
