using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Tests.Time;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.PostMortems;

/// <summary>
/// A SEV1 removal order run from start to post-mortem: received before it was declared, one
/// clock paused while the order was clarified and met, one breached, a severity change, notes
/// with awkward characters, and action items. The record a post-mortem draft is made from.
/// </summary>
internal static class ScriptedIncident
{
    public static readonly UserId Alice = new("U0ALICE");
    public static readonly UserId Bob = new("U0BOB");
    public static readonly UserId Chandra = new("U0CHANDRA");
    public static readonly DateTimeOffset Declared = Zones.Utc(2026, 3, 2, 9, 0);

    public static PostMortemRecord Record(bool redacted = false)
    {
        var incident = new IncidentBuilder()
            .WithNumber(12)
            .WithTitle("Removal order: violent extremist video re-uploaded")
            .WithDescription("Order from a competent authority about a video and 3 re-uploads.\nHash list to update.")
            .WithSeverity(Severity.Sev1)
            .WithSource(IncidentSource.Regulator)
            .WithMarkets("IN", "NP")
            .WithLanguages("hi", "ne")
            .WithReporter(Bob)
            .WithRoles(lead: Alice, comms: Chandra)
            .WithResolutionSummary("All 4 items removed | hashes added <b>to</b> the shared list")
            .Build() with
            {
                DeclaredAt = Declared,
                AcknowledgedAt = Declared.AddMinutes(4),
                MitigatedAt = Declared.AddMinutes(48),
                ResolvedAt = Declared.AddHours(3),
                Status = IncidentStatus.Resolved,
                Channel = new ChannelId("C0INC12"),
            };
        var e = 0;
        TimelineEvent Event(int minutes, UserId? actor, TimelineKind kind, string? text = null, string? from = null, string? to = null, string? link = null) => new()
        {
            Id = $"evt-12-{++e}",
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = 12,
            At = Declared.AddMinutes(minutes),
            Actor = actor,
            Kind = kind,
            Text = text,
            From = from,
            To = to,
            Link = link,
        };
        var tco = new Clock
        {
            WorkspaceId = incident.WorkspaceId, IncidentNumber = 12, Name = "eu-tco-removal", Title = "EU terrorist content removal order",
            Window = TimeSpan.FromHours(1), StartedAt = Declared.AddMinutes(-20), RecordedAt = Declared.AddMinutes(6), StartedBy = Alice, IsPausable = true,
            Pauses = [new ClockPause { PausedAt = Declared.AddMinutes(10), PausedBy = Alice, Reason = "URL unclear", ResumedAt = Declared.AddMinutes(25), ResumedBy = Alice }],
            MetAt = Declared.AddMinutes(47), MetBy = Alice,
        };
        var india = new Clock
        {
            WorkspaceId = incident.WorkspaceId, IncidentNumber = 12, Name = "in-takedown-order", Title = "India court order or government notice",
            Window = TimeSpan.FromHours(3), StartedAt = Declared.AddMinutes(-30), RecordedAt = Declared, IsAutomatic = true, IsPausable = false,
            BreachedAt = Declared.AddMinutes(150),
        };
        return new PostMortemRecord
        {
            Incident = incident,
            Timeline =
            [
                Event(0, Bob, TimelineKind.Declared, incident.Title, to: "SEV2"),
                Event(0, null, TimelineKind.ClockStarted, "Clock in-takedown-order (3h) started from 2026-03-02 08:30 UTC (automatic, by policy); received 30m before the declaration", to: "in-takedown-order"),
                Event(1, null, TimelineKind.ChannelCreated, to: "C0INC12"),
                Event(3, Bob, TimelineKind.RoleAssigned, "lead", to: Alice.Value),
                Event(4, Alice, TimelineKind.StatusChanged, from: "declared", to: "investigating"),
                Event(6, Alice, TimelineKind.ClockStarted, "Clock eu-tco-removal (1h) started from 2026-03-02 08:40 UTC; received 20m before the declaration", to: "eu-tco-removal"),
                Event(7, Alice, TimelineKind.SeverityChanged, from: "SEV2", to: "SEV1"),
                Event(10, Alice, TimelineKind.ClockPaused, "Clock eu-tco-removal paused with 30m left: URL unclear", to: "eu-tco-removal"),
                Event(12, Chandra, TimelineKind.StatusUpdate, "Asked the authority which URL; <@U0BOB> is collecting | hashes"),
                Event(25, Alice, TimelineKind.ClockResumed, "Clock eu-tco-removal resumed with 30m left, due 2026-03-02 09:55 UTC", to: "eu-tco-removal"),
                Event(30, Bob, TimelineKind.MessageAdded, "Found 3 re-uploads", link: "https://example.slack.com/archives/C0INC12/p1"),
                Event(47, Alice, TimelineKind.ClockMet, "Clock eu-tco-removal met with 8m to spare", to: "eu-tco-removal"),
                Event(48, Alice, TimelineKind.StatusChanged, from: "investigating", to: "mitigated"),
                Event(60, Alice, TimelineKind.ActionItemAdded, "Action #1 for <@U0BOB>: Add the re-upload hashes to the shared list", to: Bob.Value),
                Event(150, null, TimelineKind.ClockBreached, "Clock in-takedown-order breached: the 3h window ended at 2026-03-02 11:30 UTC", to: "in-takedown-order"),
                Event(180, Alice, TimelineKind.Resolved, "All 4 items removed | hashes added <b>to</b> the shared list"),
                Event(181, null, TimelineKind.PostMortemDue, "Post-mortem due Mon 9 Mar 2026 (5 business days, Asia/Kathmandu), owner <@U0ALICE>", to: Alice.Value),
            ],
            Clocks = [tco, india],
            ActionItems =
            [
                new ActionItem
                {
                    WorkspaceId = incident.WorkspaceId, IncidentNumber = 12, Sequence = 1, Text = "Add the re-upload hashes to the shared list",
                    Owner = Bob, CreatedBy = Alice, CreatedAt = Declared.AddHours(1), DueDate = new DateOnly(2026, 3, 4),
                },
                new ActionItem
                {
                    WorkspaceId = incident.WorkspaceId, IncidentNumber = 12, Sequence = 2, Text = "Tell the authority the order was actioned",
                    Owner = Alice, CreatedBy = Alice, CreatedAt = Declared.AddHours(1), Status = ActionItemStatus.Done, DoneAt = Declared.AddMinutes(70), DoneBy = Alice,
                },
            ],
            PostMortem = new PostMortem
            {
                WorkspaceId = incident.WorkspaceId, IncidentNumber = 12, Owner = Alice, Status = PostMortemStatus.Due,
                OwnerTimeZone = "Asia/Kathmandu", DueDate = new DateOnly(2026, 3, 9),
            },
            Names = new Dictionary<UserId, string> { [Alice] = "Alice Rai", [Bob] = "Bob Müller", [Chandra] = "Chandra Sharma" },
            LeadZone = Zones.Kathmandu,
            GeneratedAt = Declared.AddHours(4),
            IsRedacted = redacted,
        };
    }
}
