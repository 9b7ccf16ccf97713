using System.Text.Json.Serialization;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>A person as their chat platform knows them (Slack <c>U…</c>/<c>W…</c>, Teams AAD object id).</summary>
[JsonConverter(typeof(StringValueJsonConverter<UserId>))]
public readonly record struct UserId(string Value) : IStringValue<UserId>
{
    public static UserId From(string value) => new(value);

    /// <summary>What the reporter of an incident the intake opened is called: <c>intake:regulator</c>.</summary>
    public const string IntakePrefix = "intake:";

    /// <summary>The mention token inside stored words (timeline texts), read back by <c>RichText.WithMentions</c>; messages use <c>RichText.Mention</c>. The intake is named, not mentioned: it is nobody in chat.</summary>
    public string Mention => IsIntake ? $"_intake ({Value[IntakePrefix.Length..]})_" : $"<@{Value}>";

    /// <summary>True for the intake of a source (<see cref="ForIntake"/>): not a person, never invited, paged or sent messages.</summary>
    public bool IsIntake => Value is not null && Value.StartsWith(IntakePrefix, StringComparison.Ordinal);

    public static UserId ForIntake(string source) => new(IntakePrefix + source);

    public override string ToString() => Value;
}
