namespace IncidentBot.Dialogs.Paging;

/// <summary>What an <c>OnCall:Admins</c> entry names.</summary>
public enum OnCallAdminKind
{
    Email,
    SlackUserGroup,
    TeamsGroup,
}
