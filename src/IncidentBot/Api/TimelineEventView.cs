using System.Text.Json;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Api;

public sealed record TimelineEventView(DateTimeOffset At, string Kind, string? Actor, string? Text, string? From, string? To, string? Link)
{
    public static TimelineEventView Of(TimelineEvent e, bool isRestricted) => new(
        e.At,
        JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()),
        e.Actor?.Value,
        isRestricted ? null : e.Text,
        e.From,
        e.To,
        isRestricted ? null : e.Link);
}
