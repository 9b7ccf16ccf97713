using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Buttons;

/// <summary>Someone pressed one of the bot's buttons; the platform adapter translates its payload into this.</summary>
/// <param name="Message">The message carrying the button, when the platform says (to update it in place).</param>
public sealed record ButtonPress(
    WorkspaceId Workspace, PlatformId Platform, UserId User, string ActionId, string Value, MessageRef? Message)
{
    /// <summary>The platform's id of this press (Slack <c>action_ts</c>), so a repeat delivery is recognised.</summary>
    public string? DeliveryKey { get; init; }
}
