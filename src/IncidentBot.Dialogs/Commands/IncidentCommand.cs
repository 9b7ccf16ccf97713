namespace IncidentBot.Dialogs.Commands;

/// <summary>A parsed command; one record per command, one handler per record.</summary>
public abstract record IncidentCommand;
