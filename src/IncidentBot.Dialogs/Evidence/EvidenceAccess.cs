using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Who may have an incident's evidence package in chat: anyone for an unrestricted incident, only
/// its members (reporter, roles, participants) for a restricted one. Being in the restricted channel
/// is not enough, unlike for commands typed there: the package holds everything the channel never
/// showed outside, and it leaves the platform as a file.
/// </summary>
public static class EvidenceAccess
{
    public static bool MayReceive(Incident incident, UserId user)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.IsVisibleTo(user);
    }

    public static string Refusal(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return Refusal(incident.Key);
    }

    public static string Refusal(IncidentNumber number) =>
        $"{number.Key} is restricted: only its members can get its evidence package. Ask its lead to add you, or Legal for an export with an evidence key.";
}
