using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>A person as their chat platform knows them (Slack <c>U…</c>/<c>W…</c>, Teams AAD object id).</summary>
[JsonConverter(typeof(StringValueJsonConverter<UserId>))]
public readonly record struct UserId(string Value) : IStringValue<UserId>
{
    public static UserId From(string value) => new(value);

    /// <summary>The neutral mention form; platform renderers turn it into their own.</summary>
    public string Mention => $"<@{Value}>";

    public override string ToString() => Value;
}
