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
            new CardTextBlock("Declare an incident") { Size = "Large", Weight = "Bolder" },
        };
        if (errors.Count > 0)
            body.Add(new CardTextBlock("Please fix the fields marked below.") { Color = "Attention" });

        void Add(CardElement input, string field)
        {
            body.Add(input);
            if (errors.TryGetValue(field, out var error))
                body.Add(new CardTextBlock(TeamsMarkdown.ToPlainText(error, TeamsRenderContext.Empty)) { Color = "Attention", Size = "Small", Spacing = "None" });
        }

        Add(new CardInputText
        {
            Id = DeclareForm.TitleField,
            Label = "Title",
            Placeholder = "e.g. Removal order from regulator",
            Value = Fit(form.Title, DeclareFormValidator.MaxTitleLength),
            MaxLength = DeclareFormValidator.MaxTitleLength,
            IsRequired = true,
            ErrorMessage = "Give the incident a short title.",
        }, DeclareForm.TitleField);
        Add(new CardInputChoiceSet
        {
            Id = DeclareForm.SeverityField,
            Label = "Severity",
            Value = form.Severity?.ToLowerInvariant() ?? "sev3",
            Choices =
            [
                new("🔴 SEV1 – critical", "sev1"), new("🟠 SEV2 – major", "sev2"),
                new("🟡 SEV3 – minor", "sev3"), new("🔵 SEV4 – low", "sev4"),
            ],
            IsRequired = true,
            ErrorMessage = "Pick a severity.",
        }, DeclareForm.SeverityField);
        Add(new CardInputChoiceSet
        {
            Id = DeclareForm.SourceField,
            Label = "Source",
            Value = form.Source ?? IncidentSource.Internal.Name(),
            Choices = [.. Enum.GetValues<IncidentSource>().Select(s => new CardChoice(SourceLabel(s), s.Name()))],
        }, DeclareForm.SourceField);
        Add(new CardInputText
        {
            Id = DeclareForm.MarketsField,
            Label = "Markets",
            Placeholder = "ISO country codes, e.g. NP, IN",
            Value = form.Markets,
            MaxLength = 200,
        }, DeclareForm.MarketsField);
        Add(new CardInputText
        {
            Id = DeclareForm.LanguagesField,
            Label = "Languages",
            Placeholder = "ISO language codes, e.g. ne, bho, hi",
            Value = form.Languages,
            MaxLength = 200,
        }, DeclareForm.LanguagesField);
        Add(new CardInputText
        {
            Id = DeclareForm.DescriptionField,
            Label = "Description",
            Placeholder = "What happened, what is at stake, links to evidence (they will not be previewed)",
            Value = Fit(form.Description, DeclareFormValidator.MaxDescriptionLength),
            MaxLength = DeclareFormValidator.MaxDescriptionLength,
            IsMultiline = true,
        }, DeclareForm.DescriptionField);
        Add(new CardInputToggle
        {
            Id = DeclareForm.RestrictedField,
            Label = "Handling",
            Title = "Restricted: legal privilege, minors or personal data (members only; the title stays out of announcements)",
            Value = form.IsRestricted ? "true" : "false",
        }, DeclareForm.RestrictedField);

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
                    Title = "Declare",
                    Verb = Verb,
                    Style = "positive",
                    Data = data,
                    Fallback = new CardSubmitAction { Title = "Declare", Data = fallbackData },
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
        return rendered with { Body = [new CardTextBlock("Incident declared") { Size = "Large", Weight = "Bolder", Color = "Good" }, .. rendered.Body] };
    }

    private static string SourceLabel(IncidentSource source) => source switch
    {
        IncidentSource.Regulator => "Regulator / government order",
        IncidentSource.Partner => "Trusted partner escalation",
        IncidentSource.Trending => "Harmful trend or challenge",
        IncidentSource.UserReport => "User reports",
        _ => "Internal detection",
    };

    private static string? Fit(string? text, int max) => text is null ? null : TextCut.Cut(text, max);
}
