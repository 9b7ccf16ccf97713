using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Commands;
using IncidentBot.Dialogs.Commands.Lifecycle;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Platform;
using IncidentBot.Dialogs.Storage;
using IncidentBot.Dialogs.Work;
using Microsoft.Extensions.Logging;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Answers <c>evidence</c> at once and leaves a request for the package: a job
/// (<see cref="EvidenceDeliveryWork"/>) builds it and sends it to the person privately. A
/// non-member asking for a restricted incident's package is refused here, before anything is stored.
/// </summary>
public sealed class EvidenceHandler(
    IncidentLocator locator, IDocumentStore documents, WorkQueue work, ChatPlatforms platforms, TimeProvider clock, ILogger<EvidenceHandler> logger)
    : CommandHandler<EvidenceCommand>
{
    protected override async Task<Result<CommandReply>> HandleAsync(EvidenceCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var located = await locator.LocateAsync(context, command.Target, cancellationToken);
        // The locator refuses a named restricted incident to non-members; say what that means for its package.
        if (!located.IsSuccess && located.Error.Code == "restricted" && command.Target is { } named)
            return Refuse(context, named);
        if (!located.IsSuccess)
            return located.Error;
        var incident = located.Value.Value;
        if (!EvidenceAccess.MayReceive(incident, context.Actor))
            return Refuse(context, incident.Key);
        var now = clock.GetUtcNow();
        var request = new EvidenceRequest
        {
            Id = RequestId(context, now),
            WorkspaceId = context.Workspace.Value,
            Platform = context.Platform,
            Number = incident.Number,
            RequestedBy = context.Actor,
            RequestedAt = now,
        };
        try
        {
            await documents.CreateAsync(request, cancellationToken);
            await work.RequestAsync(context.Workspace, EvidenceDeliveryWork.WorkKind, request.Id, null, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            // The same delivery again (a platform retry): its package is already on its way.
        }
        var how = platforms.TryGet(context.Platform, out var platform) && platform.CanUploadFiles
            ? "as a zip in a direct message from me"
            : "as a download link in a personal message from me";
        return CommandReply.Private($"📦 Preparing the evidence package of {incident.Key.Key}; it comes {how} in a moment.");
    }

    private UserError Refuse(CommandContext context, IncidentNumber number)
    {
        logger.EvidenceRefused(context.Workspace.Value, number.Value, context.Actor.Value);
        return new UserError("forbidden", EvidenceAccess.Refusal(number));
    }

    /// <summary>From the delivery when the platform names it, so a retried delivery sends one package.</summary>
    private static string RequestId(CommandContext context, DateTimeOffset now)
    {
        var seed = context.DeliveryKey ?? string.Create(CultureInfo.InvariantCulture, $"{context.Actor.Value}:{now.UtcTicks}");
        return "evidence-request-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(seed)))[..24].ToLowerInvariant();
    }
}
