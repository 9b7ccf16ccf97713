namespace IncidentBot.Testing.Fakes;

/// <summary>A user the fake knows for <c>users.info</c> and <c>users.lookupByEmail</c>.</summary>
public sealed record FakeSlackUser(string Id, string RealName, string? Email = null, string Tz = "Europe/Dublin", bool IsBot = false);
