namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// One thing the audit log keeps: who (an API key's name, or a chat user), what (<see cref="Action"/>,
/// e.g. <c>restricted.read</c> or <c>admin.request</c>, and <see cref="Target"/>, e.g. <c>GET /api/audit</c>),
/// from which address, and the incident concerned, if any. When is the time it is recorded.
/// </summary>
public sealed record AuditRecord(string Actor, string Action, string Target, string? Address)
{
    /// <summary>A read of a restricted incident: its record, ledger or evidence package, over the API, the dashboard or chat.</summary>
    public const string RestrictedRead = "restricted.read";

    public string? WorkspaceId { get; init; }

    public int? IncidentNumber { get; init; }
}
