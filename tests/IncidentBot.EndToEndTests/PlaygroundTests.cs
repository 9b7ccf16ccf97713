using System.Text.RegularExpressions;
using IncidentBot.EndToEndTests.Playground;
using Microsoft.Playwright;

namespace IncidentBot.EndToEndTests;

/// <summary>
/// Issue 19, as a newcomer tries it: the bot started in Development with no settings, Microsoft 365
/// Agents Playground pointed at it, and its page used as a person would (type, press, read).
/// </summary>
public sealed partial class PlaygroundTests(PlaygroundSession session) : IClassFixture<PlaygroundSession>
{
    [Fact]
    public async Task Help_is_answered_in_the_personal_chat()
    {
        await session.OpenAsync("Personal Chat");

        await session.SendAsync("help");

        var help = await session.WaitForCardAsync(
            session.Cards.Filter(new LocatorFilterOptions { HasText = "declare" }).Filter(new LocatorFilterOptions { HasText = "status" })
                .Filter(new LocatorFilterOptions { HasText = "postmortem" }),
            "answer to help (a card naming declare, status and postmortem)");
        Assert.Contains("list", await help.InnerTextAsync(), StringComparison.Ordinal);
        await session.ScreenshotAsync("try-help");
    }

    [Fact]
    public async Task Declare_by_text_is_answered_with_its_incident_number()
    {
        await session.OpenAsync("Personal Chat");

        await session.SendAsync("declare sev2 Removal order for a video from the regulator");

        var answer = await session.WaitForCardAsync(
            session.CardsWith(Declared("SEV2", "Removal order for a video from the regulator")), "confirmation of the declare by text (INC-n declared · SEV2 · … title)");
        Assert.Matches(IncidentNumber(), await answer.InnerTextAsync());
        await session.ScreenshotAsync("try-declare-text");
    }

    [Fact]
    public async Task Declare_by_the_form_is_answered_with_its_incident_number()
    {
        await session.OpenAsync("Personal Chat");
        await session.SendAsync("declare");
        var form = await session.WaitForCardAsync(session.Cards.Filter(new LocatorFilterOptions { HasText = "Declare an incident" }), "declare form");
        await session.ScreenshotAsync("try-declare-form");

        await form.GetByPlaceholder("e.g. Removal order from regulator").FillAsync("Trending challenge in Nepali videos");
        await form.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Declare", Exact = true }).ClickAsync();

        var answer = await session.WaitForCardAsync(
            session.CardsWith(Declared("SEV3", "Trending challenge in Nepali videos")), "confirmation of the declare by the form (INC-n declared · SEV3 · … title)");
        Assert.Matches(IncidentNumber(), await answer.InnerTextAsync());
        await session.ScreenshotAsync("try-declare-form-answer");
    }

    [Fact]
    public async Task List_shows_a_declared_incident_and_its_thread_is_in_the_General_channel()
    {
        await session.OpenAsync("Personal Chat");
        await session.SendAsync("declare sev1 Partner escalation about impersonation");
        var declared = await session.WaitForCardAsync(
            session.CardsWith(Declared("SEV1", "Partner escalation about impersonation")), "confirmation of the declare");
        var number = IncidentNumber().Match(await declared.InnerTextAsync()).Value;

        await session.SendAsync("list");

        await session.WaitForCardAsync(
            session.CardsWith(new Regex(Regex.Escape(number) + @"\b(?!\s*declared).*Partner escalation about impersonation", RegexOptions.Singleline)),
            $"list naming {number} (not its confirmation)");
        await session.ScreenshotAsync("try-list");
        await session.OpenAsync("My Team - General");
        await session.WaitForCardAsync(session.CardsWith(new Regex(Regex.Escape(number) + ".*Partner escalation about impersonation", RegexOptions.Singleline)),
            $"incident thread of {number} in the General channel");
        await session.ScreenshotAsync("try-thread");
    }

    /// <summary>The declare confirmation: "INC-n declared · (colour) SEVn · source · title".</summary>
    private static Regex Declared(string severity, string title) =>
        new($@"INC-\d+ declared · [^·]*{severity} · .*{Regex.Escape(title)}", RegexOptions.Singleline);

    [GeneratedRegex(@"INC-\d+")]
    private static partial Regex IncidentNumber();
}
