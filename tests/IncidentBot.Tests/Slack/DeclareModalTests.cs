using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Slack.Declare;
using IncidentBot.Slack.Inbound;
using IncidentBot.Testing.Golden;

namespace IncidentBot.Tests.Slack;

public sealed class DeclareModalTests
{
    [Fact]
    public void The_modal_is_prefilled_and_carries_where_it_came_from()
    {
        var form = new DeclareForm
        {
            Title = "Removal order",
            Severity = "sev1",
            Source = "regulator",
            Markets = "NP",
            IsRestricted = true,
            OriginChannel = new ChannelId("C0ORIGIN"),
            OriginMessageLink = "https://tands.slack.com/archives/C0ORIGIN/p1",
        };

        var view = DeclareModal.Build(form);

        Assert.Equal("incident.declare", (string?)view["callback_id"]);
        var blocks = view["blocks"]!.AsArray();
        Assert.Equal("Removal order", (string?)blocks.Single(b => (string?)b!["block_id"] == "title")!["element"]!["initial_value"]);
        Assert.Equal("sev1", (string?)blocks.Single(b => (string?)b!["block_id"] == "severity")!["element"]!["initial_option"]!["value"]);
        Assert.Equal("regulator", (string?)blocks.Single(b => (string?)b!["block_id"] == "source")!["element"]!["initial_option"]!["value"]);
        Assert.NotNull(blocks.Single(b => (string?)b!["block_id"] == "restricted")!["element"]!["initial_options"]);
        var metadata = JsonSerializer.Deserialize<JsonElement>((string)view["private_metadata"]!);
        Assert.Equal("C0ORIGIN", metadata.GetProperty("channel").GetString());
    }

    [Fact]
    public void An_empty_modal_matches_its_golden_file()
    {
        var view = DeclareModal.Build(new DeclareForm());

        GoldenFile.AssertMatchesJson("declare-modal.json", JsonNode.Parse(view.ToJsonString())!);
    }

    [Fact]
    public void A_prefilled_modal_matches_its_golden_file()
    {
        var form = new DeclareForm
        {
            Title = "Removal order",
            Description = "Order 12 from the regulator",
            Severity = "sev1",
            Source = "regulator",
            Markets = "NP",
            Languages = "ne, hi",
            IsRestricted = true,
            OriginChannel = new ChannelId("C0ORIGIN"),
            OriginMessageLink = "https://tands.slack.com/archives/C0ORIGIN/p1",
        };

        GoldenFile.AssertMatchesJson("declare-modal-prefilled.json", JsonNode.Parse(DeclareModal.Build(form).ToJsonString())!);
    }

    [Fact]
    public void The_declared_view_matches_its_golden_file()
    {
        var view = DeclareModal.Declared("*INC-7* declared", "You'll be invited to its channel in a moment.");

        GoldenFile.AssertMatchesJson("declared-modal.json", JsonNode.Parse(view.ToJsonString())!);
    }

    [Fact]
    public void A_submitted_view_reads_back_into_the_form()
    {
        const string json = """
        {
          "id": "V1", "callback_id": "incident.declare",
          "private_metadata": "{\"channel\":\"C0ORIGIN\",\"message_link\":\"https://x/p1\"}",
          "state": { "values": {
            "title": { "value": { "type": "plain_text_input", "value": "हानिकारक चुनौती" } },
            "severity": { "value": { "type": "static_select", "selected_option": { "value": "sev2" } } },
            "source": { "value": { "type": "static_select", "selected_option": { "value": "trending" } } },
            "markets": { "value": { "type": "plain_text_input", "value": "NP, IN" } },
            "languages": { "value": { "type": "plain_text_input", "value": null } },
            "restricted": { "value": { "type": "checkboxes", "selected_options": [ { "value": "restricted" } ] } }
          } }
        }
        """;
        var view = JsonSerializer.Deserialize(json, SlackInboundJson.Default.SlackView)!;

        var form = DeclareModal.Read(view);

        Assert.Equal("हानिकारक चुनौती", form.Title);
        Assert.Equal("sev2", form.Severity);
        Assert.Equal("trending", form.Source);
        Assert.Equal("NP, IN", form.Markets);
        Assert.Null(form.Languages);
        Assert.True(form.IsRestricted);
        Assert.Equal(new ChannelId("C0ORIGIN"), form.OriginChannel);
        Assert.Equal("https://x/p1", form.OriginMessageLink);
    }

    [Fact]
    public void Broken_metadata_loses_only_the_origin()
    {
        var view = new SlackView { Id = "V1", PrivateMetadata = "{not json", State = null };

        var form = DeclareModal.Read(view);

        Assert.Null(form.OriginChannel);
        Assert.Null(form.Title);
    }
}
