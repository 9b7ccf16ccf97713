namespace IncidentBot.Dialogs.Commands.Declare;

/// <summary>Ask the platform to open the declare form, prefilled.</summary>
public sealed record OpenDeclareFormReply(DeclareForm Form) : CommandReply;
