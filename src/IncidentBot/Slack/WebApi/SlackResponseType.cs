using System.Text.Json.Serialization;

namespace IncidentBot.Slack.WebApi;

[JsonConverter(typeof(JsonStringEnumConverter<SlackResponseType>))]
public enum SlackResponseType
{
    /// <summary>Only the person who acted sees it.</summary>
    [JsonStringEnumMemberName("ephemeral")]
    Ephemeral,

    [JsonStringEnumMemberName("in_channel")]
    InChannel,
}
