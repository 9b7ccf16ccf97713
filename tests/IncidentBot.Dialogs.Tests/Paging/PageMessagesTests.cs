using System.Text.Json;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Paging;

public sealed class PageMessagesTests
{
    private static readonly UserId Responder = new("U0RESP");

    private static readonly Page Pending = new()
    {
        Id = Page.IdFor(42, "tns-incident", chainToken: null, EscalationPosition.First),
        WorkspaceId = "T0WORKSPACE",
        Platform = PlatformId.Slack,
        IncidentNumber = 42,
        EscalationPolicy = new EscalationPolicy("tns-incident", "T&S incident", [new EscalationStep(StepTarget.OnCall("tns-primary"), TimeSpan.FromMinutes(5))], 0, null),
        Step = 0,
        Attempt = 0,
        Status = PageStatus.Pending,
        CreatedAt = IncidentBuilder.DefaultDeclaredAt,
        EscalateAt = IncidentBuilder.DefaultDeclaredAt.AddMinutes(5),
        AreTargetsResolved = true,
        Targets = [new PageTarget { User = Responder }],
    };

    [Fact]
    public void A_page_of_a_restricted_incident_shows_its_number_and_severity_only()
    {
        var incident = new IncidentBuilder().WithTitle("Minor's personal data leaked").WithDescription("Names and schools").WithMarkets("NP").Restricted().Build();

        var message = Json(PageMessages.DirectMessage(incident, Pending, Pending, Pending.Targets[0]));

        Assert.Contains("INC-42", message, StringComparison.Ordinal);
        Assert.Contains("SEV3", message, StringComparison.Ordinal);
        Assert.DoesNotContain("personal data", message, StringComparison.Ordinal);
        Assert.DoesNotContain("schools", message, StringComparison.Ordinal);
        Assert.DoesNotContain("NP", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pending_page_offers_the_three_buttons_and_an_acknowledged_one_none()
    {
        var incident = new IncidentBuilder().Build();
        var acknowledged = Pending with { Status = PageStatus.Acknowledged, AcknowledgedBy = Responder, AcknowledgedAt = Pending.CreatedAt.AddMinutes(1) };

        var pending = PageMessages.DirectMessage(incident, Pending, Pending, Pending.Targets[0]);
        var answered = PageMessages.DirectMessage(incident, acknowledged, acknowledged, Pending.Targets[0]);

        var buttons = Assert.Single(pending.Blocks.OfType<ButtonsBlock>()).Buttons;
        Assert.Equal([PageMessages.AcknowledgeActionId, PageMessages.EscalateActionId, PageMessages.DeclineActionId], buttons.Select(b => b.ActionId));
        Assert.All(buttons, b => Assert.Equal(Pending.Id, b.Value));
        Assert.Empty(answered.Blocks.OfType<ButtonsBlock>());
        Assert.Contains("You acknowledged", Json(answered), StringComparison.Ordinal);
    }

    private static string Json(ChatMessage message) => JsonSerializer.Serialize(message, DocumentJson.Options);
}
