using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Paging;

/// <summary>
/// Pages one named person about an incident now: used by features that must reach someone
/// whatever they are doing (a regulatory clock about to breach on a weekend). Paging
/// replaces the default direct message with a stored page that is acknowledged and escalates.
/// </summary>
public interface IPersonPager
{
    /// <param name="dedupeKey">Identifies this page; paging twice with the same key pages once.</param>
    Task PagePersonAsync(Incident incident, UserId person, string reason, string dedupeKey, CancellationToken cancellationToken);
}
