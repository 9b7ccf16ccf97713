using System.Globalization;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Reminders;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// The job behind <c>evidence</c> (work kind <c>evidence-delivery</c>, target the request): re-reads
/// the request and the incident, checks again that the person may have the package (they may have
/// been removed meanwhile), records the read of a restricted incident in the audit log, and sends
/// the package once (claimed on the request with <see cref="ReminderDelivery"/>). Where the platform
/// takes files (Slack) a direct message quoting the ledger head comes first, then the zip in that
/// conversation, unless it is larger than <see cref="EvidenceUploadOptions.MaxChatUploadBytes"/>:
/// then the person is told where to get it (the evidence API); elsewhere (Teams) a one-time download link (<see cref="EvidenceLinks"/>), audited
/// when it is used.
/// </summary>
public sealed class EvidenceDeliveryWork(
    IncidentStore incidents,
    EvidenceExport export,
    EvidenceLinks links,
    LedgerStore ledgers,
    AuditLog audit,
    ChatPlatforms platforms,
    ReminderDelivery delivery,
    EvidenceUploadOptions uploads,
    TimeProvider clock,
    ILogger<EvidenceDeliveryWork> logger) : IWorkHandler
{
    public const string WorkKind = "evidence-delivery";

    public string Kind => WorkKind;

    public Task<WorkOutcome> RunAsync(WorkspaceId workspace, string targetId, CancellationToken cancellationToken) =>
        delivery.DeliverOnceAsync<EvidenceRequest>(workspace, targetId, r => r.Send, SendAsync, cancellationToken);

    private async Task<string?> SendAsync(EvidenceRequest request, CancellationToken cancellationToken)
    {
        var workspace = request.Workspace();
        var platform = platforms.Get(request.Platform);
        var found = await incidents.FindAsync(workspace, new IncidentNumber(request.Number), cancellationToken);
        if (found is null)
            return null;
        var incident = found.Value;
        if (!EvidenceAccess.MayReceive(incident, request.RequestedBy))
        {
            logger.EvidenceRefused(request.WorkspaceId, incident.Number, request.RequestedBy.Value);
            return (await platform.SendDirectAsync(workspace, request.RequestedBy, ChatMessage.Plain(RichText.Text(EvidenceAccess.Refusal(incident))), cancellationToken)).MessageId;
        }
        return platform.CanUploadFiles
            ? await UploadAsync(platform, workspace, incident, request, cancellationToken)
            : await SendLinkAsync(platform, workspace, incident, request, cancellationToken);
    }

    private async Task<string> UploadAsync(IChatPlatform platform, WorkspaceId workspace, Incident incident, EvidenceRequest request, CancellationToken cancellationToken)
    {
        var content = await export.ContentAsync(incident, cancellationToken);
        var exportedAt = clock.GetUtcNow(); // after the ledger head is read: never earlier than the last entry
        // On disk, not in memory: Slack's upload wants the length first, and a package with attachments can be large.
        await using var zip = new FileStream(
            Path.Combine(Path.GetTempPath(), "incidentbot-evidence-" + Guid.NewGuid().ToString("N") + ".zip"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var manifest = await EvidencePackage.WriteAsync(zip, content, exportedAt, cancellationToken);
        var length = zip.Length;
        if (length > uploads.MaxChatUploadBytes)
            return await SendTooLargeAsync(platform, workspace, incident, request, length, cancellationToken);
        // Recorded before it is sent: a read is not served when its record cannot be stored.
        if (incident.IsRestricted)
            await RecordReadAsync(incident, request, "evidence.zip (chat upload)", cancellationToken);
        var intro = RichText.Of($"📦 The evidence package of {RichText.Bold(incident.Key.Key)}: {manifest.Entries.ToString(CultureInfo.InvariantCulture)} ledger entries, head {RichText.Code(manifest.LedgerHead)}, exported {RichText.LocalTime(manifest.ExportedAt)}. Keep this message apart from the file: with the head quoted here, a package whose ledger and manifest were rewritten together is found too. Check it with `verify-evidence` or `POST /api/evidence/verify`.");
        var sent = await platform.SendDirectAsync(workspace, request.RequestedBy, ChatMessage.Plain(intro), cancellationToken);
        zip.Position = 0;
        var file = ChatFile.Streamed(EvidenceExport.FileName(incident), $"Evidence package of {incident.Key.Key}", zip);
        var fileId = await platform.UploadFileAsync(workspace, sent.Channel, file, cancellationToken);
        logger.EvidenceSent(request.WorkspaceId, incident.Number, request.RequestedBy.Value, manifest.Entries, length);
        return fileId;
    }

    private async Task<string> SendTooLargeAsync(
        IChatPlatform platform, WorkspaceId workspace, Incident incident, EvidenceRequest request, long length, CancellationToken cancellationToken)
    {
        logger.EvidenceTooLargeForChat(request.WorkspaceId, incident.Number, request.RequestedBy.Value, length, uploads.MaxChatUploadBytes);
        var size = Megabytes(length);
        var limit = Megabytes(uploads.MaxChatUploadBytes);
        var path = $"/api/incidents/{incident.Number.ToString(CultureInfo.InvariantCulture)}/evidence.zip?workspace={incident.WorkspaceId}";
        var text = RichText.Of($"📦 The evidence package of {RichText.Bold(incident.Key.Key)} is {size} MB, too large to send in chat (the limit is {limit} MB). Download it from the bot's evidence API with an API key: {RichText.Code("GET " + path)} (for a restricted incident, a key with the evidence scope; Legal or an administrator holds them).");
        return (await platform.SendDirectAsync(workspace, request.RequestedBy, ChatMessage.Plain(text), cancellationToken)).MessageId;
    }

    private static string Megabytes(long bytes) =>
        (bytes / (1024d * 1024)).ToString(bytes < 10 * 1024 * 1024 ? "0.##" : "0", CultureInfo.InvariantCulture);

    private async Task<string> SendLinkAsync(IChatPlatform platform, WorkspaceId workspace, Incident incident, EvidenceRequest request, CancellationToken cancellationToken)
    {
        var link = await links.CreateAsync(incident, platform.Name.Value, request.RequestedBy, cancellationToken);
        RichText text;
        if (link is null)
        {
            logger.EvidenceLinksOff(request.WorkspaceId, incident.Number, platform.Name.Value);
            text = RichText.Text($"The evidence package of {incident.Key.Key} cannot be sent here: {platform.Name} takes no files from a bot, and no download address is configured (Evidence:LinkBaseUrl). Ask Legal for an export over the API.");
        }
        else
        {
            var head = await ledgers.HeadAsync(incident.Workspace(), incident.Key, cancellationToken);
            var minutes = links.Lifetime.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);
            text = RichText.Of($"📦 {RichText.Link(link.AbsoluteUri, $"Download the evidence package of {incident.Key.Key}")} (one download, within {minutes} minutes). The ledger's head now: entry {(head?.Seq ?? 0).ToString(CultureInfo.InvariantCulture)}, {RichText.Code(head?.Hash ?? LedgerHash.Genesis)}; keep this message apart from the file. Check the package with `verify-evidence` or `POST /api/evidence/verify`.");
            logger.EvidenceLinkSent(request.WorkspaceId, incident.Number, request.RequestedBy.Value);
        }
        return (await platform.SendDirectAsync(workspace, request.RequestedBy, ChatMessage.Plain(text), cancellationToken)).MessageId;
    }

    private async Task RecordReadAsync(Incident incident, EvidenceRequest request, string what, CancellationToken cancellationToken) =>
        await audit.RecordAsync(new AuditRecord(request.Platform + ":" + request.RequestedBy.Value, AuditRecord.RestrictedRead, $"{what} {incident.Key.Key}", Address: null)
        {
            WorkspaceId = incident.WorkspaceId,
            IncidentNumber = incident.Number,
        }, cancellationToken);
}
