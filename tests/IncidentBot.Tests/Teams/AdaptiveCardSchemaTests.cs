using System.Text.Json.Nodes;
using IncidentBot.Dialogs.Channels;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Teams.Cards;
using Json.Schema;

namespace IncidentBot.Tests.Teams;

/// <summary>Every kind of card the bot sends is a valid Adaptive Card 1.5 (the Teams extension aside).</summary>
public sealed class AdaptiveCardSchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Teams", "Schema", "adaptive-card-1.5.schema.json"))));

    public static TheoryData<string> Cards()
    {
        var incident = TeamsIncident.RemovalOrder().Build();
        var (_, errors) = DeclareFormValidator.Validate(new DeclareForm { Title = "", Markets = "XX" });
        var cards = new Dictionary<string, AdaptiveCard>
        {
            ["summary"] = TeamsCardRenderer.Render(IncidentMessages.Summary(incident, [new DividerBlock(), new ContextBlock(RichText.Text("extra"))]), TeamsRenderContext.Empty),
            ["announcement"] = TeamsCardRenderer.Render(IncidentMessages.Announcement(incident, null, null), TeamsRenderContext.Empty),
            ["plain"] = TeamsCardRenderer.Render(ChatMessage.Plain(LegacyMrkdwn.Read("*INC-7* declared")), TeamsRenderContext.Empty),
            ["declare-form"] = TeamsDeclareCard.Build(new DeclareForm(), "f-1", new Dictionary<string, string>()),
            ["declare-errors"] = TeamsDeclareCard.Build(new DeclareForm(), "f-2", errors),
            ["declared"] = TeamsDeclareCard.Declared(ChatMessage.Plain(LegacyMrkdwn.Read("*INC-7* declared")), TeamsRenderContext.Empty),
        };
        var data = new TheoryData<string>();
        foreach (var (name, card) in cards)
            data.Add(name + "|" + TeamsCardJson.Serialize(card));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void The_card_is_valid_Adaptive_Card_1_5(string namedCard)
    {
        var json = JsonNode.Parse(namedCard[(namedCard.IndexOf('|', StringComparison.Ordinal) + 1)..])!.AsObject();
        json.Remove("msteams");

        var result = Schema.Value.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(json), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}")));
    }

    [Fact]
    public void The_check_has_teeth_a_fact_without_a_value_is_refused()
    {
        var json = JsonNode.Parse("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"FactSet","facts":[{"title":"Lead"}]}]}""")!;

        var result = Schema.Value.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(json));

        Assert.False(result.IsValid);
    }
}
