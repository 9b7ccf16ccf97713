using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Cards;
using IncidentBot.Testing.Golden;

namespace IncidentBot.Tests.Teams;

/// <summary>Adaptive Card JSON for the messages the bot posts, against golden files (see <see cref="GoldenFile"/>).</summary>
public sealed class TeamsCardRendererTests
{
    private static readonly TeamsRenderContext Names = new(
        new Dictionary<string, string> { [TeamsIncident.Reporter] = "Alice Okafor" },
        new Dictionary<string, string> { [TeamsIncident.Thread] = "inc-7-removal-order-for-a-video" },
        TeamsIncident.Tenant);

    [Fact]
    public void The_incident_summary()
    {
        var card = TeamsCardRenderer.Render(IncidentMessages.Summary(TeamsIncident.RemovalOrder().Build(), []), Names);

        GoldenFile.AssertMatchesJson("summary.json", JsonNode.Parse(TeamsCardJson.Serialize(card))!);
    }

    [Fact]
    public void The_announcement_with_its_join_button()
    {
        var card = TeamsCardRenderer.Render(IncidentMessages.Announcement(TeamsIncident.RemovalOrder().Build(), null, null), Names);

        GoldenFile.AssertMatchesJson("announcement.json", JsonNode.Parse(TeamsCardJson.Serialize(card))!);
    }

    [Fact]
    public void A_restricted_announcement_shows_no_title()
    {
        var card = TeamsCardJson.Serialize(TeamsCardRenderer.Render(
            IncidentMessages.Announcement(TeamsIncident.RemovalOrder().Restricted().Build(), null, null), Names));

        Assert.DoesNotContain("Removal order", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", card, StringComparison.Ordinal);
    }

    [Fact]
    public void The_declare_form()
    {
        var card = TeamsDeclareCard.Build(new DeclareForm { Title = "Checkout API returns 500", Markets = "NP" }, "form-1", new Dictionary<string, string>());

        GoldenFile.AssertMatchesJson("declare-form.json", JsonNode.Parse(TeamsCardJson.Serialize(card))!);
    }

    [Fact]
    public void The_declare_form_with_field_errors()
    {
        var form = new DeclareForm { Title = "", Markets = "XX", Severity = "sev9" };
        var (_, errors) = DeclareFormValidator.Validate(form);

        var card = TeamsDeclareCard.Build(form, "form-2", errors);

        GoldenFile.AssertMatchesJson("declare-form-errors.json", JsonNode.Parse(TeamsCardJson.Serialize(card))!);
    }

    [Fact]
    public void The_declare_forms_fallback_button_is_an_Action_Submit_with_its_type()
    {
        var json = JsonNode.Parse(TeamsCardJson.Serialize(TeamsDeclareCard.Build(new DeclareForm(), "form-1", new Dictionary<string, string>())))!;

        // A client without Action.Execute reads only the fallback: without a type it is no action and shows no button.
        var fallback = json["actions"]![0]!["fallback"]!;
        Assert.Equal("Action.Submit", (string?)fallback["type"]);
        Assert.Equal("Declare", (string?)fallback["title"]);
        Assert.Equal(TeamsDeclareCard.Verb, (string?)fallback["data"]!["verb"]);
    }

    [Fact]
    public void A_button_carries_its_action_id_as_the_verb_and_its_value_as_data()
    {
        var message = new ChatMessage(RichText.Text("x"), [new ButtonsBlock("page:7", [new MessageButton("incident.join", "Join channel", "INC-7", ButtonStyle.Primary)])]);

        var card = TeamsCardRenderer.Render(message, Names);

        var set = Assert.IsType<CardActionSet>(Assert.Single(card.Body));
        var button = Assert.IsType<CardExecuteAction>(Assert.Single(set.Actions));
        Assert.Equal("incident.join", button.Verb);
        Assert.Equal("INC-7", button.Data![TeamsCardRenderer.ValueKey]);
        Assert.Equal("positive", button.Style);
    }

    [Fact]
    public void The_form_reads_back_into_the_same_fields()
    {
        var (form, formId) = TeamsDeclareCard.Read(new Dictionary<string, string?>
        {
            ["formId"] = "f-1",
            ["title"] = "Spam wave",
            ["severity"] = "sev2",
            ["source"] = "partner",
            ["markets"] = "NP, IN",
            ["languages"] = "",
            ["restricted"] = "true",
            ["originChannel"] = "19:g@thread.tacv2",
        });

        Assert.Equal("f-1", formId);
        Assert.Equal("Spam wave", form.Title);
        Assert.Equal("sev2", form.Severity);
        Assert.Equal("partner", form.Source);
        Assert.Null(form.Languages);
        Assert.True(form.IsRestricted);
        Assert.Equal(new ChannelId("19:g@thread.tacv2"), form.OriginChannel);
        var (draft, errors) = DeclareFormValidator.Validate(form);
        Assert.Empty(errors);
        Assert.Equal(Severity.Sev2, draft!.Severity);
    }
}
