using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Declare;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;

namespace IncidentBot.Dialogs.StepDialogs;

/// <summary>
/// <c>declare</c> without a title, in Teams: asks for the title, then (unless given) the
/// severity, then declares with everything else the command said (source, markets,
/// languages, restricted). The same validation as the form and the typed command.
/// </summary>
public sealed class DeclareDialog(IncidentDeclarer declarer) : IStepDialog
{
    public const string DialogName = "declare";
    public const string TitleStep = "title";
    public const string SeverityStep = "severity";

    public string Name => DialogName;

    public Task<DialogStep> BeginAsync(CommandContext context, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken) =>
        NextAsync(context, values, null, cancellationToken);

    public Task<DialogStep> ContinueAsync(CommandContext context, string step, IReadOnlyDictionary<string, string> values, string answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var updated = new Dictionary<string, string>(values, StringComparer.Ordinal);
        switch (step)
        {
            case TitleStep:
                var (_, errors) = DeclareFormValidator.Validate(new DeclareForm { Title = answer });
                if (answer.Length == 0 || errors.TryGetValue(DeclareForm.TitleField, out _))
                {
                    var problem = errors.GetValueOrDefault(DeclareForm.TitleField) ?? "Give the incident a short title.";
                    return Task.FromResult(DialogStep.Ask(ChatMessage.Plain(RichText.Of($"{RichText.WithCode(problem)} What is the incident's title? {CancelHint}")), TitleStep, values));
                }
                updated[DeclareForm.TitleField] = answer;
                break;
            case SeverityStep:
                if (answer.Equals("skip", StringComparison.OrdinalIgnoreCase))
                {
                    updated[DeclareForm.SeverityField] = "sev3";
                }
                else if (SeverityText.TryParse(answer, out var severity))
                {
                    updated[DeclareForm.SeverityField] = severity.Label().ToLowerInvariant();
                }
                else
                {
                    return Task.FromResult(DialogStep.Ask(ChatMessage.Plain(RichText.Of(
                        $"{RichText.Code(ChatText.Truncate(answer, 40))} is not a severity. {SeverityQuestion}")), SeverityStep, values));
                }
                break;
        }
        return NextAsync(context, updated, step, cancellationToken);
    }

    private static RichText CancelHint => RichText.Of($"({RichText.Code("cancel")} to stop)");

    private static RichText SeverityQuestion => RichText.Of(
        $"How severe is it? {RichText.Code("1")} critical, {RichText.Code("2")} major, {RichText.Code("3")} minor, {RichText.Code("4")} low — or {RichText.Code("skip")} for SEV3. {CancelHint}");

    private async Task<DialogStep> NextAsync(CommandContext context, IReadOnlyDictionary<string, string> values, string? answered, CancellationToken cancellationToken)
    {
        if (!values.ContainsKey(DeclareForm.TitleField))
        {
            return DialogStep.Ask(ChatMessage.Plain(RichText.Of(
                $"What is the incident's title? Type it as your next message, or fill in the form below. {CancelHint}")), TitleStep, values);
        }
        // The severity is asked only when the person is already talking to us step by step.
        if (!values.ContainsKey(DeclareForm.SeverityField) && answered == TitleStep)
            return DialogStep.Ask(ChatMessage.Plain(SeverityQuestion), SeverityStep, values);

        var form = ToForm(values, context.Channel);
        var (draft, errors) = DeclareFormValidator.Validate(form);
        if (draft is null)
            return DialogStep.Done(ChatMessage.Plain(RichText.Of($":warning: {RichText.WithCode(string.Join(" ", errors.Values))}")));
        var declared = await declarer.DeclareAsync(context.Workspace, context.Platform, context.Actor, draft, context.DeliveryKey, cancellationToken);
        return DialogStep.Done(declared.IsSuccess ? DeclareHandler.DeclaredReply(declared.Value) : ChatMessage.Plain(RichText.Of($":warning: {declared.Error.Message}")));
    }

    /// <summary>The values a dialog starts from: what the typed command already said.</summary>
    public static IReadOnlyDictionary<string, string> ValuesOf(DeclareForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        void Put(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                values[key] = value;
        }
        Put(DeclareForm.TitleField, form.Title);
        Put(DeclareForm.DescriptionField, form.Description);
        Put(DeclareForm.SeverityField, form.Severity);
        Put(DeclareForm.SourceField, form.Source);
        Put(DeclareForm.MarketsField, form.Markets);
        Put(DeclareForm.LanguagesField, form.Languages);
        if (form.IsRestricted)
            values[DeclareForm.RestrictedField] = "true";
        return values;
    }

    private static DeclareForm ToForm(IReadOnlyDictionary<string, string> values, ChannelId? origin) => new()
    {
        Title = values.GetValueOrDefault(DeclareForm.TitleField),
        Description = values.GetValueOrDefault(DeclareForm.DescriptionField),
        Severity = values.GetValueOrDefault(DeclareForm.SeverityField),
        Source = values.GetValueOrDefault(DeclareForm.SourceField),
        Markets = values.GetValueOrDefault(DeclareForm.MarketsField),
        Languages = values.GetValueOrDefault(DeclareForm.LanguagesField),
        IsRestricted = values.GetValueOrDefault(DeclareForm.RestrictedField) == "true",
        OriginChannel = origin,
    };
}
