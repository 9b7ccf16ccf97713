using System.Security.Cryptography;
using System.Text;
using IncidentBot.Dialogs.Incidents;
using IncidentBot.Dialogs.Storage;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// Makes and redeems one-time download links (<c>{base}/api/evidence/links/{workspace}/{token}</c>,
/// a 256-bit random token): the way a platform that takes no files from a bot still hands a member
/// the package, without it being copied into that platform's storage. The store decides a redemption
/// (ETag), so of two downloads at once only one is served, on any instance.
/// </summary>
public sealed class EvidenceLinks(IDocumentStore documents, EvidenceLinkOptions options, TimeProvider clock)
{
    public const string PathPrefix = "api/evidence/links/";

    public bool IsConfigured => options.BaseUrl is not null;

    public TimeSpan Lifetime => options.Lifetime;

    /// <returns>The link, or null when no base address is configured.</returns>
    public async Task<Uri?> CreateAsync(Incident incident, string platform, UserId user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (options.BaseUrl is not { } baseUrl)
            return null;
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await documents.CreateAsync(new EvidenceLink
        {
            Id = IdFor(token),
            WorkspaceId = incident.WorkspaceId,
            Platform = platform,
            Number = incident.Number,
            User = user,
            ExpiresAt = now + options.Lifetime,
            ExpiresAfter = options.Lifetime + TimeSpan.FromDays(1),
        }, cancellationToken);
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(root, PathPrefix + Uri.EscapeDataString(incident.WorkspaceId) + "/" + token);
    }

    /// <summary>Marks the link used and returns it; or says why it cannot be used.</summary>
    public async Task<Result<EvidenceLink>> RedeemAsync(string workspaceId, string token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(workspaceId) || string.IsNullOrEmpty(token) || token.Length > 100)
            return NotFound();
        var stored = await documents.ReadAsync<EvidenceLink>(workspaceId, IdFor(token), cancellationToken);
        if (stored is null)
            return NotFound();
        var now = clock.GetUtcNow();
        if (stored.Value.UsedAt is not null || now >= stored.Value.ExpiresAt)
            return Gone();
        var used = stored.Value with { UsedAt = now };
        try
        {
            await documents.ReplaceAsync(used, stored.ETag, cancellationToken);
        }
        catch (DocumentConflictException)
        {
            return Gone(); // another download took it first
        }
        return used;
    }

    private static string IdFor(string token) =>
        "evidence-link-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static UserError NotFound() => new("not_found", "There is no such download link.");

    private static UserError Gone() =>
        new("gone", "This download link has expired or was used already. Ask for the package again with `evidence` in chat.");
}
