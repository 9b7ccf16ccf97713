using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Commands;

/// <summary>Who typed the command, where, on which platform.</summary>
/// <param name="CommandPrefix">How the platform spells the command in usage lines (<c>/incident</c>, <c>@IncidentBot</c>).</param>
public sealed record CommandContext(WorkspaceId Workspace, PlatformId Platform, UserId Actor, ChannelId? Channel, string CommandPrefix)
{
    /// <summary>The person's IANA time zone, when the platform told us.</summary>
    public string? TimeZone { get; init; }

    /// <summary>A key unique to this delivery (Slack <c>trigger_id</c>), so a repeat does not declare twice.</summary>
    public string? DeliveryKey { get; init; }

    /// <summary>Where a late answer reaches the person (Slack's <c>response_url</c>), when the platform gives one.</summary>
    public string? ReplyAddress { get; init; }
}
