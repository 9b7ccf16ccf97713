using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Declare;

/// <summary>The same rules for the typed command and the form: title length, severity, source, codes.</summary>
public static class DeclareFormValidator
{
    public const int MaxTitleLength = 150;
    public const int MaxDescriptionLength = 3000;

    /// <summary>A draft, or the problems keyed by <see cref="DeclareForm"/> field names.</summary>
    public static (IncidentDraft? Draft, IReadOnlyDictionary<string, string> Errors) Validate(DeclareForm form)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var title = form.Title?.Trim() ?? "";
        if (title.Length == 0)
            errors[DeclareForm.TitleField] = DeclareFormLayout.TitleRequired;
        else if (title.Length > MaxTitleLength)
            errors[DeclareForm.TitleField] = $"Keep the title under {MaxTitleLength} characters (it is {title.Length}); put details in the description.";

        var description = form.Description?.Trim();
        if (description is { Length: > MaxDescriptionLength })
            errors[DeclareForm.DescriptionField] = $"Keep the description under {MaxDescriptionLength} characters.";

        var severity = Severity.Sev3;
        if (!string.IsNullOrWhiteSpace(form.Severity) && !SeverityText.TryParse(form.Severity, out severity))
            errors[DeclareForm.SeverityField] = $"`{form.Severity}` is not a severity: use {SeverityText.Choices}.";

        var source = IncidentSource.Internal;
        if (!string.IsNullOrWhiteSpace(form.Source) && !IncidentSourceText.TryParse(form.Source, out source))
            errors[DeclareForm.SourceField] = $"`{form.Source}` is not a source: use {IncidentSourceText.Choices}.";

        IReadOnlyList<string> markets = [];
        if (!string.IsNullOrWhiteSpace(form.Markets))
        {
            var parsed = MarketCodes.ParseList(form.Markets);
            if (parsed.IsSuccess)
                markets = parsed.Value;
            else
                errors[DeclareForm.MarketsField] = parsed.Error.Message.ToPlainText();
        }

        IReadOnlyList<string> languages = [];
        if (!string.IsNullOrWhiteSpace(form.Languages))
        {
            var parsed = LanguageCodes.ParseList(form.Languages);
            if (parsed.IsSuccess)
                languages = parsed.Value;
            else
                errors[DeclareForm.LanguagesField] = parsed.Error.Message.ToPlainText();
        }

        if (errors.Count > 0)
            return (null, errors);
        return (new IncidentDraft
        {
            Title = title,
            Description = string.IsNullOrEmpty(description) ? null : description,
            Severity = severity,
            Source = source,
            Markets = markets,
            Languages = languages,
            IsRestricted = form.IsRestricted,
            OriginChannel = form.OriginChannel,
            OriginMessageLink = form.OriginMessageLink,
        }, errors);
    }
}
