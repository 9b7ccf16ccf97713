namespace IncidentBot.Dialogs.Commands.Declare;

/// <summary>
/// One field of the declare form as <see cref="DeclareFormLayout"/> describes it. <see cref="Id"/> is a
/// <see cref="DeclareForm"/> field name, so the platform's input id and the validator's error key agree.
/// </summary>
public sealed record DeclareFormField(string Id, DeclareFieldKind Kind, string Label)
{
    /// <summary>Shown inside an empty text input; a toggle's own text.</summary>
    public string? Placeholder { get; init; }

    /// <summary>Under a toggle's text: what choosing it does.</summary>
    public string? Hint { get; init; }

    /// <summary>Longest text the input accepts; a prefilled value is cut to it.</summary>
    public int? MaxLength { get; init; }

    public bool IsRequired { get; init; }

    /// <summary>What a platform that checks required inputs itself says when this one is left empty.</summary>
    public string? RequiredMessage { get; init; }

    public IReadOnlyList<DeclareFormChoice> Choices { get; init; } = [];

    /// <summary>The chosen value when the form names none.</summary>
    public string? DefaultValue { get; init; }

    /// <summary>This field's current text in <paramref name="form"/> (a toggle's is null: read <see cref="DeclareForm.IsRestricted"/>).</summary>
    public string? ValueIn(DeclareForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Id switch
        {
            DeclareForm.TitleField => form.Title,
            DeclareForm.DescriptionField => form.Description,
            DeclareForm.SeverityField => form.Severity,
            DeclareForm.SourceField => form.Source,
            DeclareForm.MarketsField => form.Markets,
            DeclareForm.LanguagesField => form.Languages,
            _ => null,
        };
    }

    /// <summary>Whether this toggle is on in <paramref name="form"/>.</summary>
    public bool IsCheckedIn(DeclareForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return Id == DeclareForm.RestrictedField && form.IsRestricted;
    }
}
