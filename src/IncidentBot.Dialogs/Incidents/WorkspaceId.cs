using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>A Slack team id or a Teams tenant id; the partition of everything stored.</summary>
[JsonConverter(typeof(StringValueJsonConverter<WorkspaceId>))]
public readonly record struct WorkspaceId(string Value) : IStringValue<WorkspaceId>
{
    public static WorkspaceId From(string value) => new(value);

    public override string ToString() => Value;
}
