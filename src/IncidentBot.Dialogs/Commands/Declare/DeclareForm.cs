using IncidentBot.Dialogs.Incidents;

namespace IncidentBot.Dialogs.Commands.Declare;

/// <summary>
/// The declare form as a person fills it in (Slack modal, Teams card): free text, not yet
/// validated. <see cref="DeclareFormValidator"/> turns it into a draft or field errors.
/// </summary>
public sealed record DeclareForm
{
    public const string TitleField = "title";
    public const string DescriptionField = "description";
    public const string SeverityField = "severity";
    public const string SourceField = "source";
    public const string MarketsField = "markets";
    public const string LanguagesField = "languages";
    public const string RestrictedField = "restricted";

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Severity { get; init; }

    public string? Source { get; init; }

    public string? Markets { get; init; }

    public string? Languages { get; init; }

    public bool IsRestricted { get; init; }

    /// <summary>Where the form was opened from; carried through the platform's form metadata.</summary>
    public ChannelId? OriginChannel { get; init; }

    public string? OriginMessageLink { get; init; }

    public static DeclareForm From(DeclareCommand command, ChannelId? origin) => new()
    {
        Title = command.Title,
        Description = command.Description,
        Severity = command.Severity?.Label().ToLowerInvariant(),
        Source = command.Source?.Name(),
        Markets = command.Markets.Count > 0 ? string.Join(",", command.Markets) : null,
        Languages = command.Languages.Count > 0 ? string.Join(",", command.Languages) : null,
        IsRestricted = command.IsRestricted,
        OriginChannel = origin,
    };
}
