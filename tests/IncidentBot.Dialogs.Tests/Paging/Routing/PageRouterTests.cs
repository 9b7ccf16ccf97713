using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Paging.Routing;
using IncidentBot.Testing.Builders;

namespace IncidentBot.Dialogs.Tests.Paging.Routing;

public sealed class PageRouterTests
{
    private static readonly RoutingRule[] Rules =
    [
        new() { Name = "everything", EscalationPolicyIds = ["tns-incident"] },
        new() { Name = "Nepal", Markets = new HashSet<string> { "NP" }, EscalationPolicyIds = ["np-market"] },
        new() { Name = "Nepali and Bhojpuri", Languages = new HashSet<string> { "ne", "bho" }, EscalationPolicyIds = ["np-market"] },
        new() { Name = "orders", Sources = new HashSet<IncidentSource> { IncidentSource.Regulator }, EscalationPolicyIds = ["legal", "public-policy"] },
        new() { Name = "worst", Severities = new HashSet<Severity> { Severity.Sev1 }, EscalationPolicyIds = ["engineering"] },
        new()
        {
            Name = "severe orders in India",
            Sources = new HashSet<IncidentSource> { IncidentSource.Regulator },
            Severities = new HashSet<Severity> { Severity.Sev1, Severity.Sev2 },
            Markets = new HashSet<string> { "IN" },
            EscalationPolicyIds = ["india-legal"],
        },
    ];

    [Fact]
    public void A_plain_incident_pages_the_rules_without_conditions()
    {
        Assert.Equal(["tns-incident"], PageRouter.EscalationPolicyIdsFor(Rules, new IncidentBuilder().Build()));
    }

    [Fact]
    public void The_market_rotation_is_paged_once_for_a_market_and_its_languages()
    {
        var incident = new IncidentBuilder().WithMarkets("NP").WithLanguages("bho").Build();

        Assert.Equal(["tns-incident", "np-market"], PageRouter.EscalationPolicyIdsFor(Rules, incident));
    }

    [Fact]
    public void A_language_alone_is_enough_for_its_rule()
    {
        Assert.Equal(["tns-incident", "np-market"], PageRouter.EscalationPolicyIdsFor(Rules, new IncidentBuilder().WithLanguages("ne").Build()));
    }

    [Fact]
    public void Every_condition_of_a_rule_must_hold()
    {
        var order = new IncidentBuilder().WithSource(IncidentSource.Regulator).WithMarkets("IN");

        Assert.DoesNotContain("india-legal", PageRouter.EscalationPolicyIdsFor(Rules, order.WithSeverity(Severity.Sev3).Build()));
        Assert.Equal(["tns-incident", "legal", "public-policy", "india-legal"], PageRouter.EscalationPolicyIdsFor(Rules, order.WithSeverity(Severity.Sev2).Build()));
    }

    [Fact]
    public void A_raised_severity_matches_more_rules()
    {
        var incident = new IncidentBuilder().WithSeverity(Severity.Sev3).Build();

        Assert.DoesNotContain("engineering", PageRouter.EscalationPolicyIdsFor(Rules, incident));
        Assert.Contains("engineering", PageRouter.EscalationPolicyIdsFor(Rules, incident with { Severity = Severity.Sev1 }));
    }
}
