using System.Text.Json;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Api;

public sealed record TimelineEventView(DateTimeOffset At, string Kind, string? Actor, string? Text, string? From, string? To, string? Link)
{
    /// <summary>A restricted incident's events go through <see cref="RestrictedRedaction"/>: no text, no link, of any kind.</summary>
    public static TimelineEventView Of(TimelineEvent e, bool isRestricted)
    {
        ArgumentNullException.ThrowIfNull(e);
        var shown = isRestricted ? RestrictedRedaction.Redact(e) : e;
        return new(
            shown.At,
            JsonNamingPolicy.CamelCase.ConvertName(shown.Kind.ToString()),
            shown.Actor?.Value,
            shown.Text,
            shown.From,
            shown.To,
            shown.Link);
    }
}
