using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Intake;
using MimeKit;
using MimeKit.Utils;

namespace IncidentBot.Intake;

/// <summary>
/// Reads an order sent by e-mail (raw RFC 822, as inbound-mail relays forward it): the subject is
/// the title, the text part the text (else the HTML part without its markup), the time the
/// message reached us (the newest <c>Received</c> header, else <c>Date</c>) the receipt time, the
/// sender's domain the authority (<c>Intake:EmailAuthorities</c>, subdomains included, else the
/// domain itself), the <c>Message-ID</c> the external id. Attachments are returned to be kept as evidence.
/// </summary>
internal static partial class EmailReportReader
{
    /// <summary>
    /// Parses the raw message and reads it; null when the body is not an RFC 822 message. The endpoint calls this so
    /// its own state machine names no MimeKit type: routing reads its attributes at start-up, which loaded MimeKit.
    /// </summary>
    public static async Task<EmailReport?> ReadAsync(byte[] raw, IReadOnlyDictionary<string, string> authorities, DateTimeOffset now, int maxAttachments,
        CancellationToken cancellationToken)
    {
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw, writable: false);
            message = await MimeMessage.LoadAsync(stream, cancellationToken);
        }
        catch (FormatException)
        {
            return null;
        }
        return Read(message, raw, authorities, now, maxAttachments);
    }

    public static EmailReport Read(MimeMessage message, byte[] raw, IReadOnlyDictionary<string, string> authorities, DateTimeOffset now, int maxAttachments)
    {
        var sender = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var domain = sender?.Domain?.ToLowerInvariant();
        var authority = domain is null ? null : AuthorityOf(domain, authorities) ?? domain;
        var text = message.TextBody is { Length: > 0 } plain ? plain : message.HtmlBody is { Length: > 0 } html ? StripHtml(html) : null;
        var externalId = message.MessageId is { Length: > 0 } id
            ? "message-id:" + id
            : "sha256:" + Convert.ToHexString(SHA256.HashData(raw)).ToLowerInvariant();
        var receivedAt = ReceivedAt(message) ?? (message.Date != DateTimeOffset.MinValue ? message.Date.ToUniversalTime() : now);
        if (receivedAt > now)
            receivedAt = now; // a sender's clock ahead of ours: the order cannot have arrived later than now
        var report = new IntakeReport
        {
            Source = IncidentSource.Regulator,
            ExternalId = externalId.Length <= IntakeReportReader.MaxExternalIdLength ? externalId : externalId[..IntakeReportReader.MaxExternalIdLength],
            ReceivedAt = receivedAt,
            Title = message.Subject is { Length: > 0 } subject ? subject.Trim() : null,
            Text = text?.Trim() is { Length: > 0 } trimmed ? trimmed : null,
            Urls = text is null ? [] : [.. UrlPattern().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ')', '>')).Distinct(StringComparer.Ordinal).Take(IntakeReportReader.MaxUrls)],
            Reporter = new ReportReporter { Name = sender?.Name is { Length: > 0 } name ? name : null, Email = sender?.Address, Organisation = authority },
            Order = new RegulatorOrder { Authority = authority, Reference = message.MessageId },
        };
        var attachments = new List<EmailAttachment>();
        foreach (var entity in message.Attachments)
        {
            if (attachments.Count >= maxAttachments)
                break;
            using var content = new MemoryStream();
            switch (entity)
            {
                case MimePart part:
                    part.Content?.DecodeTo(content);
                    attachments.Add(new EmailAttachment(part.FileName ?? "attachment", part.ContentType.MimeType, content.ToArray()));
                    break;
                case MessagePart { Message: { } attached }:
                    attached.WriteTo(content);
                    attachments.Add(new EmailAttachment((attached.Subject ?? "message") + ".eml", "message/rfc822", content.ToArray()));
                    break;
            }
        }
        return new EmailReport(report, attachments);
    }

    /// <summary>The authority of a domain or of its nearest listed parent (<c>mail.meity.gov.in</c> → <c>meity.gov.in</c>).</summary>
    public static string? AuthorityOf(string domain, IReadOnlyDictionary<string, string> authorities)
    {
        for (var candidate = domain; candidate.Length > 0;)
        {
            if (authorities.TryGetValue(candidate, out var authority))
                return authority;
            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
                break;
            candidate = candidate[(dot + 1)..];
        }
        return null;
    }

    /// <summary>The time in the newest Received header (the first listed): when the message reached our side.</summary>
    private static DateTimeOffset? ReceivedAt(MimeMessage message)
    {
        var received = message.Headers.FirstOrDefault(h => h.Id == HeaderId.Received)?.Value;
        if (received is null || received.LastIndexOf(';') is var semicolon && semicolon < 0)
            return null;
        return DateUtils.TryParse(received[(semicolon + 1)..].Trim(), out var at) ? at.ToUniversalTime() : null;
    }

    private static string StripHtml(string html) =>
        WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(Scripts().Replace(html, " "), " "), " ")).Trim();

    [GeneratedRegex(@"<(script|style)[^>]*>.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
