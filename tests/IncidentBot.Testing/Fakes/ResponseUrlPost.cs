using System.Text.Json.Nodes;

namespace IncidentBot.Testing.Fakes;

/// <summary>A POST to <see cref="FakeSlackServer.ResponseUrlFor"/>; <paramref name="Json"/> is the message.</summary>
public sealed record ResponseUrlPost(string Id, IReadOnlyDictionary<string, string> Headers, string ContentType, string Body, JsonObject? Json)
{
    public override string ToString() => $"response/{Id}";
}
