namespace IncidentBot.Testing.Builders;

/// <summary>A Teams user as activities name them: Teams id (<c>29:…</c>), AAD object id, display name.</summary>
public sealed record TestPerson(string TeamsId, string AadObjectId, string Name);
