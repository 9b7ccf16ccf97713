namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// A feature that follows stored incident changes (paging routes a declaration, clocks start).
/// Called after the change is stored, on the request thread: store work and schedule it only.
/// </summary>
public interface IIncidentChangeFollower
{
    Task FollowAsync(Transition change, CancellationToken cancellationToken);
}
