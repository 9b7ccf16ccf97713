namespace IncidentBot.Dialogs.Commands.Declare;

/// <summary>One option of a choice field: the value the form sends back and the label people see.</summary>
public sealed record DeclareFormChoice(string Value, string Label);
