using IncidentBot.Dialogs.ActionItems;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.PostMortems;
using IncidentBot.Dialogs.Tests.Time;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Incidents;

/// <summary>
/// What a restricted incident shows outside its channel. Every <see cref="TimelineKind"/> is tried,
/// so a kind added later cannot carry people's words into a draft or the API unnoticed.
/// </summary>
public sealed class RestrictedRedactionTests
{
    private const string Secret = "SECRET-child-name";
    private const string SecretLink = "https://docs.example.com/SECRET-link";

    public static TheoryData<TimelineKind> EveryKind()
    {
        var kinds = new TheoryData<TimelineKind>();
        foreach (var kind in Enum.GetValues<TimelineKind>())
            kinds.Add(kind);
        return kinds;
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void No_event_kind_keeps_its_text_or_link(TimelineKind kind)
    {
        var redacted = RestrictedRedaction.Redact(Event(kind));

        Assert.Null(redacted.Link);
        Assert.True(redacted.Text is null || !redacted.Text.Contains("SECRET", StringComparison.Ordinal), $"{kind} kept its text");
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void The_redacted_draft_shows_no_text_or_link_of_any_event_kind(TimelineKind kind)
    {
        var markdown = PostMortemMarkdown.Render(RestrictedRedaction.Redact(Record([Event(kind)])));

        Assert.DoesNotContain("SECRET", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void A_change_post_of_a_redacted_event_shows_no_text_of_any_kind(TimelineKind kind)
    {
        var post = IncidentMessages.ChangePost(RestrictedRedaction.Redact(Event(kind)));

        Assert.DoesNotContain("SECRET", post?.Text.ToPlainText() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_role_assignment_keeps_the_role_but_not_text_pretending_to_be_one()
    {
        Assert.Equal("lead", RestrictedRedaction.Redact(Event(TimelineKind.RoleAssigned) with { Text = "lead" }).Text);
        Assert.Null(RestrictedRedaction.Redact(Event(TimelineKind.RoleAssigned)).Text);
    }

    [Fact]
    public void The_redacted_draft_withholds_clock_titles_pause_reasons_action_items_and_the_post_mortem_link()
    {
        var markdown = PostMortemMarkdown.Render(RestrictedRedaction.Redact(Record([])));

        Assert.DoesNotContain("SECRET", markdown, StringComparison.Ordinal);
        Assert.Contains("| reply-window |", markdown, StringComparison.Ordinal);
        Assert.Contains("_withheld: restricted incident_", markdown, StringComparison.Ordinal);
    }

    private static TimelineEvent Event(TimelineKind kind) => new()
    {
        Id = "evt-7-" + kind,
        WorkspaceId = "T0WORKSPACE",
        IncidentNumber = 7,
        At = Zones.Utc(2026, 3, 2, 9, 30),
        Actor = new UserId("U0ALICE"),
        Kind = kind,
        Text = Secret + " for " + kind,
        Link = SecretLink,
        To = "U0BOB",
    };

    private static PostMortemRecord Record(IReadOnlyList<TimelineEvent> timeline)
    {
        var declared = IncidentBuilder.DefaultDeclaredAt;
        var incident = new IncidentBuilder().WithNumber(7).Restricted().WithTitle(Secret).WithDescription(Secret)
            .WithResolutionSummary(Secret).WithOriginMessageLink(SecretLink).Build();
        return new PostMortemRecord
        {
            Incident = incident,
            Timeline = timeline,
            Clocks =
            [
                new Clock
                {
                    WorkspaceId = incident.WorkspaceId, IncidentNumber = 7, Name = "reply-window", Title = Secret, Reference = Secret,
                    Window = TimeSpan.FromHours(1), StartedAt = declared, RecordedAt = declared,
                    Pauses = [new ClockPause { PausedAt = declared.AddMinutes(5), Reason = Secret }],
                },
            ],
            ActionItems =
            [
                new ActionItem
                {
                    WorkspaceId = incident.WorkspaceId, IncidentNumber = 7, Sequence = 1, Text = Secret,
                    Owner = new UserId("U0BOB"), CreatedBy = new UserId("U0ALICE"), CreatedAt = declared,
                },
            ],
            PostMortem = new PostMortem
            {
                WorkspaceId = incident.WorkspaceId,
                IncidentNumber = 7,
                Owner = new UserId("U0ALICE"),
                Status = PostMortemStatus.Done,
                DoneAt = declared.AddDays(3),
                Link = SecretLink,
            },
            Names = new Dictionary<UserId, string> { [new UserId("U0ALICE")] = Secret },
            LeadZone = TimeZoneInfo.Utc,
            GeneratedAt = declared.AddDays(4),
        };
    }
}
