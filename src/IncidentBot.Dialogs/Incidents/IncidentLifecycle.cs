using System.Collections.Frozen;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.Incidents;

/// <summary>
/// The incident state machine: the one place that says which change is allowed in which
/// state. Every function is pure: it returns the changed incident (version + 1) and the
/// timeline event that records the change, or the reason it is not allowed.
/// </summary>
public static class IncidentLifecycle
{
    private static readonly FrozenDictionary<IncidentStatus, IncidentStatus[]> AllowedMoves =
        new Dictionary<IncidentStatus, IncidentStatus[]>
        {
            [IncidentStatus.Declared] = [IncidentStatus.Investigating, IncidentStatus.Mitigated, IncidentStatus.Resolved, IncidentStatus.Cancelled],
            [IncidentStatus.Investigating] = [IncidentStatus.Mitigated, IncidentStatus.Resolved, IncidentStatus.Cancelled],
            // A mitigation can fail; going back to investigating is a normal move.
            [IncidentStatus.Mitigated] = [IncidentStatus.Investigating, IncidentStatus.Resolved, IncidentStatus.Cancelled],
            // Reopening a resolved incident puts it back to investigating.
            [IncidentStatus.Resolved] = [IncidentStatus.Closed, IncidentStatus.Investigating],
            [IncidentStatus.Closed] = [],
            [IncidentStatus.Cancelled] = [],
        }.ToFrozenDictionary();

    public static bool IsOpen(IncidentStatus status) =>
        status is IncidentStatus.Declared or IncidentStatus.Investigating or IncidentStatus.Mitigated;

    public static bool CanMove(IncidentStatus from, IncidentStatus to) => AllowedMoves[from].Contains(to);

    /// <summary>The first version of a new incident and its "declared" event.</summary>
    public static Transition Declare(Incident draft, DateTimeOffset at)
    {
        var incident = draft with { Status = IncidentStatus.Declared, DeclaredAt = at, UpdatedAt = at, Version = 1, LastNonReportVersion = 1 };
        return new Transition(incident, Event(incident, draft.Reporter, at, TimelineKind.Declared) with
        {
            Text = draft.Title,
            To = draft.Severity.Label(),
        });
    }

    public static Result<Transition> ChangeStatus(Incident incident, IncidentStatus to, UserId by, DateTimeOffset at, string? text = null)
    {
        if (incident.Status == to)
            return new UserError("no_change", $"{incident.Key.Key} is already {Name(to)}.");
        if (!CanMove(incident.Status, to))
            return NotAllowed(incident, to);

        var next = to switch
        {
            IncidentStatus.Investigating when incident.Status is IncidentStatus.Resolved =>
                incident with { Status = to, ResolvedAt = null, ResolutionSummary = null },
            IncidentStatus.Investigating => incident with { Status = to, AcknowledgedAt = incident.AcknowledgedAt ?? at },
            IncidentStatus.Mitigated => incident with
            {
                Status = to,
                AcknowledgedAt = incident.AcknowledgedAt ?? at,
                MitigatedAt = incident.MitigatedAt ?? at,
            },
            IncidentStatus.Resolved => incident with
            {
                Status = to,
                AcknowledgedAt = incident.AcknowledgedAt ?? at,
                MitigatedAt = incident.MitigatedAt ?? at,
                ResolvedAt = at,
                ResolutionSummary = string.IsNullOrWhiteSpace(text) ? incident.ResolutionSummary : text,
            },
            IncidentStatus.Closed => incident with { Status = to, ClosedAt = at },
            IncidentStatus.Cancelled => incident with { Status = to, CancelledAt = at },
            _ => throw new InvalidOperationException($"No move into {to}."),
        };

        var kind = to switch
        {
            IncidentStatus.Investigating when incident.Status is IncidentStatus.Resolved => TimelineKind.Reopened,
            IncidentStatus.Resolved => TimelineKind.Resolved,
            IncidentStatus.Closed => TimelineKind.Closed,
            IncidentStatus.Cancelled => TimelineKind.Cancelled,
            _ => TimelineKind.StatusChanged,
        };
        return Changed(incident, next, by, at, kind, text: text, from: Name(incident.Status), to: Name(to));
    }

    public static Result<Transition> Reopen(Incident incident, UserId by, DateTimeOffset at) =>
        incident.Status == IncidentStatus.Resolved
            ? ChangeStatus(incident, IncidentStatus.Investigating, by, at)
            : new UserError("not_allowed", $"Only a resolved incident can be reopened; {incident.Key.Key} is {Name(incident.Status)}."
                + (incident.Status is IncidentStatus.Closed ? " Closed incidents stay closed: declare a new one and link it." : ""));

    public static Result<Transition> ChangeSeverity(Incident incident, Severity to, UserId by, DateTimeOffset at)
    {
        if (IsFinal(incident.Status))
            return UserError.NotAllowed("change the severity of", Name(incident.Status));
        if (incident.Severity == to)
            return new UserError("no_change", $"{incident.Key.Key} is already {to.Label()}.");
        return Changed(incident, incident with { Severity = to }, by, at, TimelineKind.SeverityChanged,
            from: incident.Severity.Label(), to: to.Label());
    }

    public static Result<Transition> AssignRole(Incident incident, IncidentRole role, UserId user, UserId by, DateTimeOffset at)
    {
        if (IsFinal(incident.Status))
            return UserError.NotAllowed("assign roles on", Name(incident.Status));
        var current = incident.Roles.Get(role);
        if (current == user)
            return new UserError("no_change", $"{RichText.Mention(user)} is already the {RoleName(role)} of {incident.Key.Key}.");
        return Changed(incident, incident with { Roles = incident.Roles.With(role, user) }, by, at, TimelineKind.RoleAssigned,
            text: RoleName(role), from: current?.Value, to: user.Value);
    }

    public static Result<Transition> PostStatusUpdate(Incident incident, string text, UserId by, DateTimeOffset at)
    {
        if (!IsOpen(incident.Status))
            return UserError.NotAllowed("post a status update on", Name(incident.Status), RichText.Of($"Use {RichText.Code("note")} to add to its record."));
        return Changed(incident, incident with { LastStatusUpdateAt = at }, by, at, TimelineKind.StatusUpdate, text: text);
    }

    public static Result<Transition> AddNote(Incident incident, string text, UserId by, DateTimeOffset at) =>
        Changed(incident, incident, by, at, TimelineKind.Note, text: text);

    /// <summary>A chat message someone marked for the timeline (with a reaction).</summary>
    public static Result<Transition> AddMessage(Incident incident, string text, string? link, UserId by, DateTimeOffset at) =>
        Changed(incident, incident, by, at, TimelineKind.MessageAdded, text: text, link: link);

    /// <summary>Someone joins the incident (and so its channel).</summary>
    public static Result<Transition> Join(Incident incident, UserId user, UserId by, DateTimeOffset at)
    {
        if (incident.Members().Contains(user))
            return new UserError("no_change", $"{RichText.Mention(user)} is already in {incident.Key.Key}.");
        if (IsFinal(incident.Status))
            return UserError.NotAllowed("join", Name(incident.Status));
        return Changed(incident, incident with { Participants = [.. incident.Participants, user] }, by, at, TimelineKind.Joined, to: user.Value);
    }

    /// <summary>
    /// Someone acknowledged a page (<paramref name="what"/>: the escalation policy): the first acknowledgement
    /// is the incident's <see cref="Incident.AcknowledgedAt"/>, and the acknowledger joins. An
    /// on-call admin answering for the people paged names them in <paramref name="actingFor"/>,
    /// recorded in the event's <see cref="TimelineEvent.From"/> (user ids, comma-separated).
    /// </summary>
    public static Result<Transition> AcknowledgePage(
        Incident incident, UserId user, string what, DateTimeOffset at, IReadOnlyCollection<UserId>? actingFor = null)
    {
        if (IsFinal(incident.Status))
            return UserError.NotAllowed("acknowledge a page of", Name(incident.Status));
        var participants = incident.Members().Contains(user) ? incident.Participants : [.. incident.Participants, user];
        var onBehalfOf = actingFor is { Count: > 0 } ? string.Join(',', actingFor.Select(u => u.Value)) : null;
        return Changed(incident, incident with { AcknowledgedAt = incident.AcknowledgedAt ?? at, Participants = participants },
            user, at, TimelineKind.PageAcknowledged, text: what, from: onBehalfOf, to: user.Value);
    }

    /// <summary>The bot opened the incident's channel.</summary>
    public static Result<Transition> LinkChannel(Incident incident, ChannelId channel, DateTimeOffset at) =>
        incident.Channel == channel
            ? new UserError("no_change", $"{incident.Key.Key} already has that channel.")
            : Changed(incident, incident with { Channel = channel }, null, at, TimelineKind.ChannelCreated, to: channel.Value);

    /// <summary>A legal hold, in any state (a closed incident is what a regulator asks about).</summary>
    public static Result<Transition> PlaceHold(Incident incident, UserId by, string? reason, DateTimeOffset at)
    {
        if (incident.Hold is { } held)
            return new UserError("no_change", $"{incident.Key.Key} is already on hold, since {held.Since.UtcDateTime:yyyy-MM-dd} by {RichText.Mention(held.By)}.");
        if (incident.PurgedAt is not null)
            return new UserError("not_allowed", $"{incident.Key.Key} was purged after its retention period; its record and ledger are kept, and are what a hold would keep.");
        return Changed(incident, incident with { Hold = new IncidentHold(by, at, reason) }, by, at, TimelineKind.HoldPlaced, text: reason);
    }

    public static Result<Transition> ReleaseHold(Incident incident, UserId by, DateTimeOffset at)
    {
        if (incident.Hold is not { } held)
            return new UserError("no_change", $"{incident.Key.Key} is not on hold.");
        return Changed(incident, incident with { Hold = null }, by, at, TimelineKind.HoldReleased, from: held.By.Value, text: held.Reason);
    }

    /// <summary>The retention job removed the chat side and reports of a closed incident that is not held.</summary>
    public static Result<Transition> RecordPurge(Incident incident, DateTimeOffset at, string summary, IReadOnlyDictionary<string, string> removed)
    {
        if (incident.Hold is not null)
            return new UserError("held", $"{incident.Key.Key} is on hold; nothing of it is purged.");
        if (incident.Status is not (IncidentStatus.Closed or IncidentStatus.Cancelled))
            return UserError.NotAllowed("purge", Name(incident.Status));
        // Two runs of the purge (the sweep's and a retry) may meet: the one that re-reads after the other's write records nothing.
        if (incident.PurgedAt is not null)
            return new UserError("no_change", $"{incident.Key.Key} was purged already.");
        var transition = Changed(incident, incident with { PurgedAt = at }, null, at, TimelineKind.Purged, text: summary);
        return transition with { Event = transition.Event with { Details = removed } };
    }

    public static string Name(IncidentStatus status) => status.ToString().ToLowerInvariant();

    public static string RoleName(IncidentRole role) => role.ToString().ToLowerInvariant();

    private static bool IsFinal(IncidentStatus status) => status is IncidentStatus.Closed or IncidentStatus.Cancelled;

    private static Transition Changed(
        Incident before, Incident after, UserId? by, DateTimeOffset at, TimelineKind kind,
        string? text = null, string? from = null, string? to = null, string? link = null)
    {
        // Never a report joining (IntakeLifecycle.Join makes those).
        var next = after with { Version = before.Version + 1, UpdatedAt = at, LastNonReportVersion = before.Version + 1 };
        return new Transition(next, Event(next, by, at, kind) with { Text = text, From = from, To = to, Link = link });
    }

    private static TimelineEvent Event(Incident incident, UserId? by, DateTimeOffset at, TimelineKind kind) => new()
    {
        Id = TimelineEvent.IdFor(incident.Number, incident.Version),
        WorkspaceId = incident.WorkspaceId,
        IncidentNumber = incident.Number,
        At = at,
        Actor = by,
        Kind = kind,
        Version = incident.Version,
    };

    private static UserError NotAllowed(Incident incident, IncidentStatus to)
    {
        var hint = (incident.Status, to) switch
        {
            (_, IncidentStatus.Closed) when IsOpen(incident.Status) => RichText.Of($"Resolve it first: {RichText.Code($"{incident.Key.Key} resolve [summary]")}."),
            (IncidentStatus.Closed or IncidentStatus.Cancelled, _) => RichText.Text("It is final; declare a new incident if the problem is back."),
            (IncidentStatus.Resolved, _) => RichText.Of($"Reopen it first with {RichText.Code("reopen")}."),
            _ => null,
        };
        var message = $"{incident.Key.Key} is {Name(incident.Status)} and cannot become {Name(to)}.";
        return hint is null ? new UserError("forbidden_transition", message) : new UserError("forbidden_transition", $"{message} {hint}");
    }
}
