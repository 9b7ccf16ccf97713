using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Platform;

/// <summary>
/// The chat platform an incident, page or message belongs to. Stored as its plain string
/// (<c>"slack"</c>, <c>"teams"</c>), so documents read as they always have.
/// </summary>
[JsonConverter(typeof(StringValueJsonConverter<PlatformId>))]
public readonly record struct PlatformId(string Value) : IStringValue<PlatformId>
{
    public const string SlackName = "slack";
    public const string TeamsName = "teams";

    public static PlatformId Slack { get; } = new(SlackName);

    public static PlatformId Teams { get; } = new(TeamsName);

    public static PlatformId From(string value) => new(value);

    public override string ToString() => Value;
}
