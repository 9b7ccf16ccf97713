using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Incidents;
using static IncidentBot.Dialogs.Tests.Commands.Parsing;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class LifecycleSyntaxTests
{
    private static readonly IncidentNumber Inc3 = new(3);

    private static UserError FailsWithUsage(string text, string usage)
    {
        var error = Fail(text);
        Assert.Equal("bad_syntax", error.Code);
        Assert.Equal(usage, error.Usage);
        return error;
    }

    [Theory]
    [InlineData("investigating", IncidentStatus.Investigating)]
    [InlineData("ack", IncidentStatus.Investigating)]
    [InlineData("acknowledged", IncidentStatus.Investigating)]
    [InlineData("mitigated", IncidentStatus.Mitigated)]
    [InlineData("MITIGATED", IncidentStatus.Mitigated)]
    [InlineData("resolved", IncidentStatus.Resolved)]
    [InlineData("closed", IncidentStatus.Closed)]
    [InlineData("cancelled", IncidentStatus.Cancelled)]
    [InlineData("canceled", IncidentStatus.Cancelled)]
    public void Status_names_the_state_to_move_to(string word, IncidentStatus expected)
    {
        Assert.Equal(new ChangeStatusCommand(null, expected), Parse($"status {word}"));
    }

    [Fact]
    public void Status_declared_says_an_incident_cannot_go_back()
    {
        var error = FailsWithUsage("status declared", "status <investigating|mitigated|resolved|closed|cancelled>");

        Assert.Equal("An incident cannot go back to declared.", error.Message.ToPlainText());
    }

    [Fact]
    public void Status_with_an_unknown_state_lists_the_states()
    {
        var error = FailsWithUsage("status bogus", "status <investigating|mitigated|resolved|closed|cancelled>");

        Assert.Equal("`bogus` is not a state: use investigating, mitigated, resolved, closed or cancelled.", error.Message.ToPlainText());
    }

    [Theory]
    [InlineData("status")]
    [InlineData("status mitigated now")]
    public void Status_needs_exactly_one_state(string text)
    {
        var error = FailsWithUsage(text, "status <investigating|mitigated|resolved|closed|cancelled>");

        Assert.StartsWith("Say which state", error.Message.ToPlainText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sev 1", Severity.Sev1)]
    [InlineData("sev sev2", Severity.Sev2)]
    [InlineData("sev SEV-3", Severity.Sev3)]
    [InlineData("sev s4", Severity.Sev4)]
    [InlineData("severity 2", Severity.Sev2)]
    [InlineData("SEV 1", Severity.Sev1)]
    public void Sev_changes_the_severity(string text, Severity expected)
    {
        Assert.Equal(new ChangeSeverityCommand(null, expected), Parse(text));
    }

    [Theory]
    [InlineData("sev 9", "9")]
    [InlineData("sev 0", "0")]
    [InlineData("sev sev9", "sev9")]
    [InlineData("sev high", "high")]
    [InlineData("sev 1 2", "1 2")]
    public void Sev_with_something_else_names_it_and_lists_the_severities(string text, string named)
    {
        var error = FailsWithUsage(text, "sev <1-4>");

        Assert.Equal($"`{named}` is not a severity: use {SeverityText.Choices}.", error.Message.ToPlainText());
    }

    [Fact]
    public void Sev_without_a_severity_asks_for_one()
    {
        Assert.Equal("Say which severity: 1, 2, 3 or 4.", FailsWithUsage("sev", "sev <1-4>").Message.ToPlainText());
    }

    [Theory]
    [InlineData("lead <@U123|alice>", IncidentRole.Lead)]
    [InlineData("comms <@U123|alice>", IncidentRole.Comms)]
    [InlineData("scribe <@U123|alice>", IncidentRole.Scribe)]
    [InlineData("lead <@U123>", IncidentRole.Lead)]
    [InlineData("LEAD <@U123>", IncidentRole.Lead)]
    public void A_role_goes_to_the_mentioned_person(string text, IncidentRole role)
    {
        Assert.Equal(new AssignRoleCommand(null, role, new UserId("U123")), Parse(text));
    }

    [Theory]
    [InlineData("lead me")]
    [InlineData("lead ME")]
    public void A_role_for_me_goes_to_the_person_typing(string text)
    {
        Assert.Equal(new AssignRoleCommand(null, IncidentRole.Lead, null), Parse(text));
    }

    [Fact]
    public void A_role_for_an_unescaped_at_name_says_to_pick_the_person_from_the_list()
    {
        var error = FailsWithUsage("lead @alice", "lead @user");

        Assert.Equal("I can't tell who `@alice` is: pick the person from the @ list so the mention turns blue.", error.Message.ToPlainText());
    }

    [Fact]
    public void A_role_for_a_plain_word_says_it_is_not_a_mention()
    {
        Assert.Equal("`alice` is not a mention of a person.", FailsWithUsage("comms alice", "comms @user").Message.ToPlainText());
    }

    [Theory]
    [InlineData("lead <@U1|alice> <@U2|bob>")]
    [InlineData("lead")]
    public void A_role_needs_exactly_one_person(string text)
    {
        Assert.Equal("Mention exactly one person to make lead.", FailsWithUsage(text, "lead @user").Message.ToPlainText());
    }

    [Fact]
    public void Update_takes_the_rest_of_the_text()
    {
        Assert.Equal(new PostUpdateCommand(null, "Rolled back; error rate falling, next update 10:30."),
            Parse("update Rolled back; error rate falling, next update 10:30."));
    }

    [Fact]
    public void Note_takes_the_rest_of_the_text_with_mentions_normalised()
    {
        Assert.Equal(new AddNoteCommand(null, "<@U1> confirmed with Q&A team"), Parse("note <@U1|alice> confirmed with Q&amp;A team"));
    }

    [Theory]
    [InlineData("update", "update <text>", "Say what the update is.")]
    [InlineData("note   ", "note <text>", "Say what the note is.")]
    public void Update_and_note_need_text(string text, string usage, string message)
    {
        Assert.Equal(message, FailsWithUsage(text, usage).Message.ToPlainText());
    }

    [Fact]
    public void A_note_of_the_maximum_length_is_accepted()
    {
        var text = new string('n', LifecycleSyntax.MaxTextLength);

        Assert.Equal(text, Parse<AddNoteCommand>("note " + text).Text);
    }

    [Theory]
    [InlineData("note", "note <text>")]
    [InlineData("update", "update <text>")]
    public void Over_long_text_gives_its_length_and_the_limit(string verb, string usage)
    {
        var error = FailsWithUsage($"{verb} {new string('n', LifecycleSyntax.MaxTextLength + 1)}", usage);

        Assert.Equal($"That {verb} is 3001 characters; keep it under 3000.", error.Message.ToPlainText());
    }

    [Fact]
    public void Resolve_without_a_summary_resolves()
    {
        Assert.Equal(new ChangeStatusCommand(null, IncidentStatus.Resolved), Parse("resolve"));
    }

    [Fact]
    public void Resolve_with_a_summary_keeps_it()
    {
        Assert.Equal(new ChangeStatusCommand(null, IncidentStatus.Resolved, "Rolled back the filter change"), Parse("resolve Rolled back the filter change"));
    }

    [Fact]
    public void An_over_long_resolve_summary_is_an_error()
    {
        var error = FailsWithUsage("resolve " + new string('s', LifecycleSyntax.MaxTextLength + 1), "resolve [summary]");

        Assert.Equal("Keep the summary under 3000 characters.", error.Message.ToPlainText());
    }

    [Fact]
    public void Close_closes()
    {
        Assert.Equal(new ChangeStatusCommand(null, IncidentStatus.Closed), Parse("close"));
    }

    [Fact]
    public void Close_with_arguments_says_it_takes_none()
    {
        Assert.Equal("`close` takes no arguments.", FailsWithUsage("close extra", "close").Message.ToPlainText());
    }

    [Fact]
    public void Reopen_reopens()
    {
        Assert.Equal(new ReopenCommand(null), Parse("reopen"));
    }

    [Fact]
    public void Reopen_with_arguments_says_it_takes_none()
    {
        Assert.Equal("`reopen` takes no arguments.", FailsWithUsage("reopen now please", "reopen").Message.ToPlainText());
    }

    [Fact]
    public void Cancel_without_a_reason_cancels()
    {
        Assert.Equal(new ChangeStatusCommand(null, IncidentStatus.Cancelled), Parse("cancel"));
    }

    [Fact]
    public void Cancel_with_a_reason_keeps_it()
    {
        Assert.Equal(new ChangeStatusCommand(null, IncidentStatus.Cancelled, "Duplicate of INC-2"), Parse("cancel Duplicate of INC-2"));
    }

    [Fact]
    public void An_over_long_cancel_reason_is_an_error()
    {
        var error = FailsWithUsage("cancel " + new string('r', LifecycleSyntax.MaxTextLength + 1), "cancel [reason]");

        Assert.Equal("Keep the reason under 3000 characters.", error.Message.ToPlainText());
    }

    [Theory]
    [InlineData("INC-3 status mitigated")]
    [InlineData("INC-3 sev 2")]
    [InlineData("INC-3 lead me")]
    [InlineData("INC-3 update Still down")]
    [InlineData("INC-3 note Called the partner")]
    [InlineData("INC-3 resolve Rolled back")]
    [InlineData("INC-3 close")]
    [InlineData("INC-3 reopen")]
    [InlineData("INC-3 cancel Duplicate")]
    public void Every_lifecycle_command_takes_a_named_incident(string text)
    {
        Assert.Equal(Inc3, Parse<IncidentChangeCommand>(text).Target);
    }

    [Fact]
    public void A_named_incident_is_not_part_of_the_text()
    {
        Assert.Equal(new PostUpdateCommand(Inc3, "Still down"), Parse("INC-3 update   Still down"));
    }
}
