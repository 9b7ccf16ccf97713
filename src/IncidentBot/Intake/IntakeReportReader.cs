using System.Globalization;
using System.Net.Mail;
using System.Text.Json;
using IncidentBot.Dialogs.Clocks;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;

namespace IncidentBot.Intake;

/// <summary>
/// Reads one report (camelCase JSON) into an <see cref="IntakeReport"/>, naming every bad field
/// at once: <c>externalId</c>, <c>receivedAt</c>, <c>title</c>/<c>text</c>, <c>urls[i]</c>,
/// <c>market</c>, <c>language</c>, <c>severity</c>, <c>trendKey</c>, <c>reporter.*</c>, <c>order.*</c>.
/// Fields it does not know are ignored. The source comes from the caller's key, never the body.
/// </summary>
internal static class IntakeReportReader
{
    public const int MaxExternalIdLength = 200;
    public const int MaxTitleLength = 300;
    public const int MaxShortTextLength = 200;
    public const int MaxUrls = 50;
    public const int MaxUrlLength = 2048;

    /// <summary>How far ahead of the bot's clock a receipt time may be (the sender's clock may run fast).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public static (IntakeReport? Report, Dictionary<string, string[]> Errors) Read(
        JsonElement json, IntakeCaller caller, DateTimeOffset now, ClockRules clocks)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (json.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["A report is a JSON object."];
            return (null, errors);
        }
        var fields = new Fields(json, "", errors);
        var externalId = fields.String("externalId", MaxExternalIdLength);
        if (externalId is null && !errors.ContainsKey("externalId"))
            errors["externalId"] = ["externalId is required: your own id for the report, unique for your source."];
        var receivedAt = fields.Time("receivedAt");
        if (receivedAt > now + FutureTolerance)
            errors["receivedAt"] = ["receivedAt is in the future: give the time the report was received (at most 5 minutes ahead of ours)."];
        var title = fields.String("title", MaxTitleLength);
        var text = fields.String("text", IntakeOptions.MaxReportBytes);
        if (title is null && text is null && !errors.ContainsKey("title") && !errors.ContainsKey("text"))
            errors["text"] = ["Give text or a title (or both)."];
        var urls = fields.Urls("urls");
        var market = fields.Code("market", MarketCodes.ParseList, "market", "an ISO 3166 country code such as NP, IN or BD");
        var language = fields.Code("language", LanguageCodes.ParseList, "language", "an ISO 639 code such as ne, bho, hi, mai or en");
        Severity? severity = null;
        if (fields.String("severity", 10) is { } severityText)
        {
            if (SeverityText.TryParse(severityText, out var parsed))
                severity = parsed;
            else
                errors["severity"] = [$"`{severityText}` is not a severity; use {SeverityText.Choices}."];
        }
        var trendKey = fields.String("trendKey", MaxShortTextLength);
        var reporter = fields.Object("reporter") is { } reporterJson ? ReadReporter(new Fields(reporterJson, "reporter.", errors)) : null;
        RegulatorOrder? order = null;
        if (fields.Object("order") is { } orderJson)
        {
            if (caller.Source != IncidentSource.Regulator)
                errors["order"] = ["Only the regulator source files orders."];
            else
                order = ReadOrder(new Fields(orderJson, "order.", errors), clocks);
        }
        if (errors.Count > 0)
            return (null, errors);
        return (new IntakeReport
        {
            Source = caller.Source,
            ExternalId = externalId!,
            ReceivedAt = receivedAt ?? now,
            Title = title,
            Text = text,
            Urls = urls,
            Market = market,
            Language = language,
            Severity = severity,
            TrendKey = trendKey,
            Reporter = reporter,
            Order = order,
        }, errors);
    }

    private static ReportReporter ReadReporter(Fields fields)
    {
        var email = fields.String("email", MaxShortTextLength);
        if (email is not null && !MailAddress.TryCreate(email, out _))
            fields.Error("email", $"`{email}` is not an e-mail address.");
        return new ReportReporter
        {
            Name = fields.String("name", MaxShortTextLength),
            Organisation = fields.String("organisation", MaxShortTextLength),
            Email = email,
            IsTrustedFlagger = fields.Bool("trustedFlagger") ?? false,
        };
    }

    private static RegulatorOrder ReadOrder(Fields fields, ClockRules clocks)
    {
        var regime = fields.String("regime", MaxShortTextLength);
        if (regime is not null && clocks.Find(regime) is null)
        {
            var known = string.Join(", ", clocks.Definitions.Keys.Order(StringComparer.Ordinal));
            fields.Error("regime", $"`{regime}` is not a regime of the clock policy; known: {known}.");
        }
        return new RegulatorOrder
        {
            Authority = fields.String("authority", MaxShortTextLength),
            Reference = fields.String("reference", MaxShortTextLength),
            Regime = regime,
            LegalBasis = fields.String("legalBasis", 1000),
            Deadline = fields.Time("deadline"),
        };
    }

    /// <summary>Typed reads of an object's properties; every problem goes into the shared error list under its path.</summary>
    private sealed class Fields(JsonElement json, string prefix, Dictionary<string, string[]> errors)
    {
        public void Error(string name, string message) => errors[prefix + name] = [message];

        public string? String(string name, int maxLength)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind != JsonValueKind.String)
            {
                Error(name, $"{name} must be a string.");
                return null;
            }
            var text = value.GetString()!.Trim();
            if (text.Length > maxLength)
            {
                Error(name, string.Create(CultureInfo.InvariantCulture, $"{name} is longer than {maxLength} characters."));
                return null;
            }
            return text.Length == 0 ? null : text;
        }

        public bool? Bool(string name)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                return value.GetBoolean();
            Error(name, $"{name} must be true or false.");
            return null;
        }

        public JsonElement? Object(string name)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return null;
            if (value.ValueKind == JsonValueKind.Object)
                return value;
            Error(name, $"{name} must be an object.");
            return null;
        }

        public DateTimeOffset? Time(string name)
        {
            if (String(name, 64) is not { } text)
                return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && text.Contains('T', StringComparison.OrdinalIgnoreCase))
                return at.ToUniversalTime();
            Error(name, $"`{text}` is not an ISO 8601 time such as 2026-11-25T13:21:12Z.");
            return null;
        }

        public string? Code(string name, Func<string, Dialogs.Result<IReadOnlyList<string>>> parse, string what, string hint)
        {
            if (String(name, 16) is not { } text)
                return null;
            var parsed = parse(text);
            if (parsed.IsSuccess && parsed.Value.Count == 1)
                return parsed.Value[0];
            Error(name, $"`{text}` is not a known {what} code; give {hint}.");
            return null;
        }

        public List<string> Urls(string name)
        {
            if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
                return [];
            if (value.ValueKind != JsonValueKind.Array)
            {
                Error(name, $"{name} must be a list of URLs.");
                return [];
            }
            if (value.GetArrayLength() > MaxUrls)
            {
                Error(name, string.Create(CultureInfo.InvariantCulture, $"At most {MaxUrls} URLs per report."));
                return [];
            }
            var urls = new List<string>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var path = string.Create(CultureInfo.InvariantCulture, $"{name}[{index++}]");
                var text = item.ValueKind == JsonValueKind.String ? item.GetString()!.Trim() : null;
                if (text is { Length: > 0 and <= MaxUrlLength } && Uri.TryCreate(text, UriKind.Absolute, out var url)
                    && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
                {
                    if (!urls.Contains(text, StringComparer.Ordinal))
                        urls.Add(text);
                }
                else
                {
                    Error(path, "Each URL must be an absolute http or https address.");
                }
            }
            return urls;
        }
    }
}
