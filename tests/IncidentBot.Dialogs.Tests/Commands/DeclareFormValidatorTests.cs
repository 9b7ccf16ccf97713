using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class DeclareFormValidatorTests
{
    private static readonly DeclareForm Valid = new() { Title = "Payments down" };

    private static IncidentDraft Draft(DeclareForm form)
    {
        var (draft, errors) = DeclareFormValidator.Validate(form);
        Assert.Empty(errors);
        return Assert.IsType<IncidentDraft>(draft);
    }

    private static IReadOnlyDictionary<string, string> Errors(DeclareForm form)
    {
        var (draft, errors) = DeclareFormValidator.Validate(form);
        Assert.Null(draft);
        return errors;
    }

    [Fact]
    public void A_title_alone_gives_a_sev3_internal_draft()
    {
        var draft = Draft(Valid);

        Assert.Equal(new IncidentDraft { Title = "Payments down", Severity = Severity.Sev3, Source = IncidentSource.Internal }, draft);
    }

    [Fact]
    public void Every_field_is_carried_into_the_draft()
    {
        var form = new DeclareForm
        {
            Title = "  सामाजिक सञ्जालमा हानिकारक चुनौती ",
            Description = " Spreading since 09:00 ",
            Severity = "sev1",
            Source = "government",
            Markets = "np, in",
            Languages = "NE bho",
            IsRestricted = true,
            OriginChannel = new ChannelId("C0ORIGIN"),
            OriginMessageLink = "https://example.slack.com/archives/C0ORIGIN/p1",
        };

        var draft = Draft(form);

        Assert.Equal("सामाजिक सञ्जालमा हानिकारक चुनौती", draft.Title);
        Assert.Equal("Spreading since 09:00", draft.Description);
        Assert.Equal(Severity.Sev1, draft.Severity);
        Assert.Equal(IncidentSource.Regulator, draft.Source);
        Assert.Equal(["NP", "IN"], draft.Markets);
        Assert.Equal(["ne", "bho"], draft.Languages);
        Assert.True(draft.IsRestricted);
        Assert.Equal(new ChannelId("C0ORIGIN"), draft.OriginChannel);
        Assert.Equal("https://example.slack.com/archives/C0ORIGIN/p1", draft.OriginMessageLink);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_title_is_an_error_on_the_title(string? title)
    {
        Assert.Equal("Give the incident a short title.", Errors(Valid with { Title = title })[DeclareForm.TitleField]);
    }

    [Fact]
    public void An_over_long_title_is_an_error_giving_its_length()
    {
        var errors = Errors(Valid with { Title = new string('t', 151) });

        Assert.Equal("Keep the title under 150 characters (it is 151); put details in the description.", errors[DeclareForm.TitleField]);
    }

    [Fact]
    public void An_over_long_description_is_an_error_on_the_description()
    {
        var errors = Errors(Valid with { Description = new string('d', DeclareFormValidator.MaxDescriptionLength + 1) });

        Assert.Equal("Keep the description under 3000 characters.", errors[DeclareForm.DescriptionField]);
    }

    [Fact]
    public void A_blank_description_is_no_description()
    {
        Assert.Null(Draft(Valid with { Description = "  " }).Description);
    }

    [Fact]
    public void An_unknown_severity_is_an_error_on_the_severity()
    {
        Assert.Equal($"`sev9` is not a severity: use {SeverityText.Choices}.", Errors(Valid with { Severity = "sev9" })[DeclareForm.SeverityField]);
    }

    [Fact]
    public void An_unknown_source_is_an_error_on_the_source()
    {
        Assert.Equal($"`twitter` is not a source: use {IncidentSourceText.Choices}.", Errors(Valid with { Source = "twitter" })[DeclareForm.SourceField]);
    }

    [Fact]
    public void An_unknown_market_is_an_error_on_the_markets()
    {
        Assert.StartsWith("`ZZ` is not a known market code.", Errors(Valid with { Markets = "NP, ZZ" })[DeclareForm.MarketsField], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_language_is_an_error_on_the_languages()
    {
        Assert.StartsWith("`english` is not a known language code.", Errors(Valid with { Languages = "english" })[DeclareForm.LanguagesField], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Errors(new DeclareForm { Title = "", Severity = "high", Source = "x", Markets = "ZZ", Languages = "qqq" });

        string[] expected = [DeclareForm.TitleField, DeclareForm.SeverityField, DeclareForm.SourceField, DeclareForm.MarketsField, DeclareForm.LanguagesField];
        Assert.Equal(expected.Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_typed_command_and_the_form_give_the_same_draft()
    {
        var command = new DeclareCommand
        {
            Title = "Payments down",
            Severity = Severity.Sev2,
            Source = IncidentSource.UserReport,
            Markets = ["NP", "IN"],
            Languages = ["ne"],
            IsRestricted = true,
        };

        var draft = Draft(DeclareForm.From(command, new ChannelId("C1")));

        Assert.Equal((Severity.Sev2, IncidentSource.UserReport, true), (draft.Severity, draft.Source, draft.IsRestricted));
        Assert.Equal(["NP", "IN"], draft.Markets);
        Assert.Equal(["ne"], draft.Languages);
        Assert.Equal(new ChannelId("C1"), draft.OriginChannel);
    }
}
