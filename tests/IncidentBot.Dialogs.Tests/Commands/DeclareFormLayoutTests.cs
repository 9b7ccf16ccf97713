using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Tests.Commands;

public sealed class DeclareFormLayoutTests
{
    [Fact]
    public void The_form_shows_every_field_of_the_declare_form_once_in_reading_order()
    {
        var ids = DeclareFormLayout.Fields.Select(f => f.Id);

        Assert.Equal(
            [DeclareForm.TitleField, DeclareForm.SeverityField, DeclareForm.SourceField, DeclareForm.MarketsField,
             DeclareForm.LanguagesField, DeclareForm.DescriptionField, DeclareForm.RestrictedField],
            ids);
    }

    [Fact]
    public void Every_severity_choice_declares_the_severity_its_label_names()
    {
        foreach (var choice in DeclareFormLayout.Severity.Choices)
        {
            var (draft, errors) = DeclareFormValidator.Validate(new DeclareForm { Title = "t", Severity = choice.Value });

            Assert.Empty(errors);
            Assert.Equal(draft!.Severity.Label(), choice.Label.Split(' ')[1]);
        }
        Assert.Equal(Enum.GetValues<Severity>().Length, DeclareFormLayout.Severity.Choices.Count);
    }

    [Fact]
    public void Every_source_is_a_choice_the_validator_accepts()
    {
        var declared = DeclareFormLayout.Source.Choices
            .Select(c => DeclareFormValidator.Validate(new DeclareForm { Title = "t", Source = c.Value }).Draft!.Source);

        Assert.Equal(Enum.GetValues<IncidentSource>(), declared);
    }

    [Fact]
    public void The_defaults_are_what_an_empty_form_declares()
    {
        var (draft, _) = DeclareFormValidator.Validate(new DeclareForm { Title = "t" });

        Assert.Equal(draft!.Severity.Label().ToLowerInvariant(), DeclareFormLayout.Severity.DefaultValue);
        Assert.Equal(draft.Source.Name(), DeclareFormLayout.Source.DefaultValue);
    }

    [Fact]
    public void A_title_at_the_forms_limit_is_accepted_and_one_more_character_is_refused()
    {
        var max = DeclareFormLayout.Title.MaxLength!.Value;

        Assert.Empty(DeclareFormValidator.Validate(new DeclareForm { Title = new string('a', max) }).Errors);
        Assert.Contains(DeclareForm.TitleField, DeclareFormValidator.Validate(new DeclareForm { Title = new string('a', max + 1) }).Errors.Keys);
    }

    [Fact]
    public void An_empty_title_is_refused_with_the_words_the_form_shows_for_a_required_title()
    {
        var (_, errors) = DeclareFormValidator.Validate(new DeclareForm());

        Assert.Equal(DeclareFormLayout.Title.RequiredMessage, errors[DeclareForm.TitleField]);
    }
}
