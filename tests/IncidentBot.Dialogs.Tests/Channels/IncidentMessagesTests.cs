using System.Text.Json;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Channels;

public sealed class IncidentMessagesTests
{
    private static readonly UserId Alice = new("U0ALICE");
    private static readonly UserId Bob = new("U0BOB");
    private static readonly ChannelId IncidentChannel = new("C0INC42");
    private static readonly DateTimeOffset At = IncidentBuilder.DefaultDeclaredAt.AddMinutes(95);
    private const string RestrictedTitle = "Minor named Sita groomed via DMs";

    private static IncidentBuilder Public() => new IncidentBuilder()
        .WithTitle("Harmful \"blackout\" challenge & copycats <teens>")
        .WithSeverity(Severity.Sev2)
        .WithSource(IncidentSource.Partner)
        .WithMarkets("NP", "IN")
        .WithLanguages("ne", "bho")
        .WithChannel(IncidentChannel);

    private static IncidentBuilder Restricted() => new IncidentBuilder()
        .WithTitle(RestrictedTitle)
        .WithDescription("Reported by the partner's safety team.")
        .WithSeverity(Severity.Sev1)
        .WithMarkets("NP")
        .WithChannel(IncidentChannel)
        .Restricted();

    private static string Json(ChatMessage message) => JsonSerializer.Serialize(message, DocumentJson.Options);

    [Fact]
    public void The_summary_shows_every_field_of_an_incident()
    {
        var incident = Public()
            .WithDescription("Spreading on short video since 09:00; <@U0ALICE> is talking to the partner & the regulator.")
            .WithRoles(lead: Alice, comms: Bob, scribe: new UserId("U0CAROL"))
            .WithOriginMessageLink("https://example.slack.com/archives/C0TS/p1700000000000100")
            .WithStatus(IncidentStatus.Resolved)
            .WithResolutionSummary("Removed 1,204 videos & blocked the hashtag.")
            .Build();

        GoldenMessage.AssertMatches("summary", IncidentMessages.Summary(incident, [new ContextBlock(RichText.Text("⏱ Next update due in 30m"))]));
    }

    [Fact]
    public void The_summary_of_a_new_incident_shows_the_lead_as_unassigned()
    {
        GoldenMessage.AssertMatches("summary-new", IncidentMessages.Summary(new IncidentBuilder().Build(), []));
    }

    [Fact]
    public void The_summary_of_a_restricted_incident_says_to_keep_details_in_the_channel()
    {
        GoldenMessage.AssertMatches("summary-restricted", IncidentMessages.Summary(Restricted().WithStatus(IncidentStatus.Investigating).Build(), []));
    }

    [Fact]
    public void The_announcement_of_a_new_incident_offers_to_join_its_channel()
    {
        GoldenMessage.AssertMatches("announcement-new", IncidentMessages.Announcement(Public().Build(), null, null));
    }

    [Fact]
    public void The_announcement_of_a_severity_change_says_from_what_to_what()
    {
        var incident = Public().WithSeverity(Severity.Sev1).WithStatus(IncidentStatus.Investigating).Build();

        GoldenMessage.AssertMatches("announcement-severity-change", IncidentMessages.Announcement(incident, Severity.Sev2, IncidentStatus.Investigating));
    }

    [Fact]
    public void The_announcement_of_a_status_change_says_from_what_to_what()
    {
        var incident = Public().WithStatus(IncidentStatus.Resolved).Build();

        GoldenMessage.AssertMatches("announcement-status-change", IncidentMessages.Announcement(incident, Severity.Sev2, IncidentStatus.Mitigated));
    }

    [Fact]
    public void The_announcement_of_a_restricted_incident_shows_only_number_severity_and_status()
    {
        GoldenMessage.AssertMatches("announcement-restricted", IncidentMessages.Announcement(Restricted().Build(), null, null));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(Severity.Sev3, IncidentStatus.Declared)]
    [InlineData(Severity.Sev1, IncidentStatus.Investigating)]
    public void The_announcement_of_a_restricted_incident_never_contains_its_title_markets_or_channel(Severity? severity, IncidentStatus? status)
    {
        var incident = Restricted().WithStatus(IncidentStatus.Mitigated).Build();

        var json = Json(IncidentMessages.Announcement(incident, severity, status));

        Assert.DoesNotContain("Sita", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("groomed", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("NP", json, StringComparison.Ordinal);
        Assert.DoesNotContain(IncidentChannel.Value, json, StringComparison.Ordinal);
        Assert.DoesNotContain(IncidentMessages.JoinActionId, json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_announcement_of_a_new_incident_without_a_channel_has_no_join_button()
    {
        var incident = Public().Build() with { Channel = null };

        Assert.DoesNotContain(IncidentMessages.Announcement(incident, null, null).Blocks, b => b is ButtonsBlock);
    }

    public static TheoryData<string> ChangeNames() =>
        ["status-changed", "severity-changed", "role-assigned", "status-update", "note", "resolved", "resolved-with-summary",
         "closed", "reopened", "cancelled", "cancelled-with-reason", "joined"];

    private static TimelineEvent Change(string name)
    {
        var declared = new IncidentBuilder().WithVersion(3).Build();
        var resolved = new IncidentBuilder().WithStatus(IncidentStatus.Resolved).WithVersion(3).Build();
        var result = name switch
        {
            "status-changed" => IncidentLifecycle.ChangeStatus(declared, IncidentStatus.Investigating, Alice, At),
            "severity-changed" => IncidentLifecycle.ChangeSeverity(declared, Severity.Sev1, Alice, At),
            "role-assigned" => IncidentLifecycle.AssignRole(declared, IncidentRole.Lead, Bob, Alice, At),
            "status-update" => IncidentLifecycle.PostStatusUpdate(declared, "Error rate falling after rollback & <b>next</b> update 10:30", Alice, At),
            "note" => IncidentLifecycle.AddNote(declared, "<@U0BOB> confirmed with Q&A; see <#C0OPS>", Alice, At),
            "resolved" => IncidentLifecycle.ChangeStatus(declared, IncidentStatus.Resolved, Alice, At),
            "resolved-with-summary" => IncidentLifecycle.ChangeStatus(declared, IncidentStatus.Resolved, Alice, At, "Rolled back the filter & purged the cache"),
            "closed" => IncidentLifecycle.ChangeStatus(resolved, IncidentStatus.Closed, Alice, At),
            "reopened" => IncidentLifecycle.Reopen(resolved, Alice, At),
            "cancelled" => IncidentLifecycle.ChangeStatus(declared, IncidentStatus.Cancelled, Alice, At),
            "cancelled-with-reason" => IncidentLifecycle.ChangeStatus(declared, IncidentStatus.Cancelled, Alice, At, "Duplicate of INC-41"),
            "joined" => IncidentLifecycle.Join(declared, Bob, Bob, At),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
        return result.Value.Event;
    }

    [Theory]
    [MemberData(nameof(ChangeNames))]
    public void Each_change_is_posted_in_the_channel(string name)
    {
        var post = IncidentMessages.ChangePost(Change(name));

        GoldenMessage.AssertMatches("change-" + name, Assert.IsType<ChatMessage>(post));
    }

    [Fact]
    public void A_change_by_the_bot_names_no_one()
    {
        var change = Change("status-changed") with { Actor = null };

        Assert.Equal(RichText.Of($"{RichText.Bold("Status:")} declared → {RichText.Bold("investigating")}"), IncidentMessages.ChangePost(change)!.Text);
    }

    [Theory]
    [InlineData(TimelineKind.Declared)]
    [InlineData(TimelineKind.ChannelCreated)]
    [InlineData(TimelineKind.MessageAdded)]
    public void Changes_the_channel_already_shows_are_not_posted(TimelineKind kind)
    {
        var change = Change("note") with { Kind = kind };

        Assert.Null(IncidentMessages.ChangePost(change));
    }

    [Fact]
    public void A_list_line_shows_the_escaped_title_and_channel_to_people_who_may_see_them()
    {
        var line = IncidentMessages.ListLine(Public().Build(), canSeeDetails: true);

        Assert.Equal(
            LegacyMrkdwn.Read("*INC-42* 🟠 SEV2 · Declared · Harmful \"blackout\" challenge &amp; copycats &lt;teens&gt; <#C0INC42> · declared <!date^1772355600^{date_short_pretty} {time}|2026-03-01 09:00 UTC>"),
            line);
    }

    [Fact]
    public void A_list_line_hides_a_restricted_title_and_channel_from_others()
    {
        var line = IncidentMessages.ListLine(Restricted().Build(), canSeeDetails: false);

        Assert.Equal(LegacyMrkdwn.Read("*INC-42* 🔴 SEV1 · Declared · 🔒 restricted · declared <!date^1772355600^{date_short_pretty} {time}|2026-03-01 09:00 UTC>"), line);
    }

    [Theory]
    [InlineData(Severity.Sev1, "🔴 SEV1")]
    [InlineData(Severity.Sev2, "🟠 SEV2")]
    [InlineData(Severity.Sev3, "🟡 SEV3")]
    [InlineData(Severity.Sev4, "🔵 SEV4")]
    public void Severity_badges_are_coloured(Severity severity, string badge)
    {
        Assert.Equal(badge, IncidentMessages.SeverityBadge(severity));
    }
}
