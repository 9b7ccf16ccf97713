using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Declare;

/// <summary>
/// The one description of the declare form: its words, its fields in order, their labels, hints,
/// choices and limits. The Slack modal and the Teams card each render it; <see cref="DeclareFormValidator"/>
/// applies the same limits to what comes back.
/// </summary>
public static class DeclareFormLayout
{
    public const string Heading = "Declare an incident";
    public const string SubmitLabel = "Declare";
    public const string CancelLabel = "Cancel";
    public const string DeclaredHeading = "Incident declared";
    public const string NotRecordedHeading = "Not recorded yet";
    public const string FixFieldsNotice = "Please fix the fields marked below.";

    /// <summary>Under the declared heading when the reply has no second line.</summary>
    public const string InviteFollows = "You'll be invited to its channel in a moment.";

    public const string TitleRequired = "Give the incident a short title.";

    /// <summary>Markets and languages are short lists of codes.</summary>
    public const int MaxCodesLength = 200;

    public static readonly DeclareFormField Title = new(DeclareForm.TitleField, DeclareFieldKind.Text, "Title")
    {
        Placeholder = "e.g. Removal order from regulator",
        MaxLength = DeclareFormValidator.MaxTitleLength,
        IsRequired = true,
        RequiredMessage = TitleRequired,
    };

    public static readonly DeclareFormField Severity = new(DeclareForm.SeverityField, DeclareFieldKind.Choice, "Severity")
    {
        Choices =
        [
            new("sev1", "🔴 SEV1 – critical"), new("sev2", "🟠 SEV2 – major"),
            new("sev3", "🟡 SEV3 – minor"), new("sev4", "🔵 SEV4 – low"),
        ],
        DefaultValue = "sev3",
        IsRequired = true,
        RequiredMessage = "Pick a severity.",
    };

    public static readonly DeclareFormField Source = new(DeclareForm.SourceField, DeclareFieldKind.Choice, "Source")
    {
        Choices = [.. Enum.GetValues<IncidentSource>().Select(s => new DeclareFormChoice(s.Name(), SourceLabel(s)))],
        DefaultValue = IncidentSource.Internal.Name(),
    };

    public static readonly DeclareFormField Markets = new(DeclareForm.MarketsField, DeclareFieldKind.Text, "Markets")
    {
        Placeholder = "ISO country codes, e.g. NP, IN",
        MaxLength = MaxCodesLength,
    };

    public static readonly DeclareFormField Languages = new(DeclareForm.LanguagesField, DeclareFieldKind.Text, "Languages")
    {
        Placeholder = "ISO language codes, e.g. ne, bho, hi",
        MaxLength = MaxCodesLength,
    };

    public static readonly DeclareFormField Description = new(DeclareForm.DescriptionField, DeclareFieldKind.LongText, "Description")
    {
        Placeholder = "What happened, what is at stake, links to evidence (they will not be previewed)",
        MaxLength = DeclareFormValidator.MaxDescriptionLength,
    };

    /// <summary>The hint says what restriction does everywhere; each platform adds where the incident's room is.</summary>
    public static readonly DeclareFormField Restricted = new(DeclareForm.RestrictedField, DeclareFieldKind.Toggle, "Handling")
    {
        Placeholder = "Restricted: legal privilege, minors or personal data",
        Hint = "the title stays out of announcements",
    };

    /// <summary>The fields in the order people see them.</summary>
    public static IReadOnlyList<DeclareFormField> Fields { get; } = [Title, Severity, Source, Markets, Languages, Description, Restricted];

    private static string SourceLabel(IncidentSource source) => source switch
    {
        IncidentSource.Regulator => "Regulator / government order",
        IncidentSource.Partner => "Trusted partner escalation",
        IncidentSource.Trending => "Harmful trend or challenge",
        IncidentSource.UserReport => "User reports",
        _ => "Internal detection",
    };
}
