using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Teams.Cards;

/// <summary>
/// The declare form as an Adaptive Card: the same fields as the Slack modal, input ids are the
/// <see cref="DeclareForm"/> field names (so validation errors land under the right input), and
/// one <c>Action.Execute</c> with verb <see cref="Verb"/> (an Action.Submit fallback for old clients).
/// </summary>
public static class TeamsDeclareCard
{
    public const string Verb = "incident.declare";

    /// <summary>Identifies one form; a second submission of the same form declares nothing new.</summary>
    public const string FormIdKey = "formId";

    public const string OriginChannelKey = "originChannel";

    public static AdaptiveCard Build(DeclareForm form, string formId, IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(errors);
        var body = new List<CardElement>
        {
            new CardTextBlock(DeclareFormLayout.Heading) { Size = "Large", Weight = "Bolder" },
        };
        if (errors.Count > 0)
            body.Add(new CardTextBlock(DeclareFormLayout.FixFieldsNotice) { Color = "Attention" });
        foreach (var field in DeclareFormLayout.Fields)
        {
            body.Add(Input(field, form));
            if (errors.TryGetValue(field.Id, out var error))
                body.Add(new CardTextBlock(error) { Color = "Attention", Size = "Small", Spacing = "None" });
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal) { [FormIdKey] = formId };
        if (form.OriginChannel is { } origin)
            data[OriginChannelKey] = origin.Value;
        var fallbackData = new Dictionary<string, string>(data, StringComparer.Ordinal) { [TeamsCardRenderer.SubmitVerbKey] = Verb };
        return new AdaptiveCard
        {
            Body = body,
            Actions =
            [
                new CardExecuteAction
                {
                    Title = DeclareFormLayout.SubmitLabel,
                    Verb = Verb,
                    Style = "positive",
                    Data = data,
                    Fallback = new CardSubmitAction { Title = DeclareFormLayout.SubmitLabel, Data = fallbackData },
                },
            ],
            Teams = new CardTeamsExtension(),
        };
    }

    /// <summary>Reads a submitted card (its data merged with the input values, all strings) back into the neutral form.</summary>
    public static (DeclareForm Form, string? FormId) Read(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        string? Get(string key) => values.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;
        var form = new DeclareForm
        {
            Title = Get(DeclareForm.TitleField),
            Description = Get(DeclareForm.DescriptionField),
            Severity = Get(DeclareForm.SeverityField),
            Source = Get(DeclareForm.SourceField),
            Markets = Get(DeclareForm.MarketsField),
            Languages = Get(DeclareForm.LanguagesField),
            IsRestricted = string.Equals(Get(DeclareForm.RestrictedField), "true", StringComparison.OrdinalIgnoreCase),
            OriginChannel = Get(OriginChannelKey) is { } origin ? new ChannelId(origin) : null,
        };
        return (form, Get(FormIdKey));
    }

    /// <summary>The card that replaces the form once the incident is recorded.</summary>
    public static AdaptiveCard Declared(ChatMessage reply, TeamsRenderContext context)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var rendered = TeamsCardRenderer.Render(reply, context);
        return rendered with { Body = [new CardTextBlock(DeclareFormLayout.DeclaredHeading) { Size = "Large", Weight = "Bolder", Color = "Good" }, .. rendered.Body] };
    }

    private static CardElement Input(DeclareFormField field, DeclareForm form) => field.Kind switch
    {
        DeclareFieldKind.Choice => new CardInputChoiceSet
        {
            Id = field.Id,
            Label = field.Label,
            Value = field.ValueIn(form)?.ToLowerInvariant() ?? field.DefaultValue,
            Choices = [.. field.Choices.Select(c => new CardChoice(c.Label, c.Value))],
            IsRequired = field.IsRequired ? true : null,
            ErrorMessage = field.IsRequired ? field.RequiredMessage : null,
        },
        // In Teams a restricted incident's room is open to its members only.
        DeclareFieldKind.Toggle => new CardInputToggle
        {
            Id = field.Id,
            Label = field.Label,
            Title = $"{field.Placeholder} (members only; {field.Hint})",
            Value = field.IsCheckedIn(form) ? "true" : "false",
        },
        _ => new CardInputText
        {
            Id = field.Id,
            Label = field.Label,
            Placeholder = field.Placeholder,
            Value = Fit(field.ValueIn(form), field.MaxLength),
            MaxLength = field.MaxLength,
            IsMultiline = field.Kind == DeclareFieldKind.LongText ? true : null,
            IsRequired = field.IsRequired ? true : null,
            ErrorMessage = field.IsRequired ? field.RequiredMessage : null,
        },
    };

    private static string? Fit(string? text, int? max) => text is null || max is null ? text : TextCut.Cut(text, max.Value);
}
