using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>
/// <c>manifest.json</c> of an evidence package, written last and in canonical form:
/// <c>{"entries":N,"exportedAt":"…","files":[{"name":"…","sha256":"…"}],"ledgerHead":"…"}</c>.
/// It lists every other file with its digest; <see cref="LedgerHead"/> and <see cref="Entries"/>
/// say how far the ledger went when it was exported, so a ledger cut short is found.
/// </summary>
/// <param name="LedgerHead">The hash of the last ledger entry; <see cref="LedgerHash.Genesis"/> for an empty ledger.</param>
/// <param name="ExportedAt">UTC, milliseconds, written like a ledger entry's <c>at</c>.</param>
public sealed record EvidenceManifest(
    [property: JsonPropertyName("files")] IReadOnlyList<EvidenceFileDigest> Files,
    [property: JsonPropertyName("ledgerHead")] string LedgerHead,
    [property: JsonPropertyName("entries")] int Entries,
    [property: JsonPropertyName("exportedAt"), JsonConverter(typeof(LedgerTimestampConverter))] DateTimeOffset ExportedAt)
{
    /// <summary>The manifest's canonical JSON, the exact bytes of <c>manifest.json</c>.</summary>
    public byte[] ToCanonicalJson()
    {
        var files = new JsonArray();
        foreach (var file in Files)
            files.Add(new JsonObject { ["name"] = file.Name, ["sha256"] = file.Sha256 });
        return CanonicalJson.Serialize(new JsonObject
        {
            ["files"] = files,
            ["ledgerHead"] = LedgerHead,
            ["entries"] = Entries,
            ["exportedAt"] = LedgerTimestamp.ToText(ExportedAt),
        });
    }

    /// <summary>Reads <c>manifest.json</c>, checking its shape: the members above and nothing else, safe file names, well-formed digests.</summary>
    internal static bool TryParse(ReadOnlyMemory<byte> json, out EvidenceManifest manifest, out string problem)
    {
        manifest = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            problem = "not JSON";
            return false;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.GetPropertyCount() != 4)
                return Fail("a manifest is an object with exactly files, ledgerHead, entries and exportedAt", out problem);
            if (!root.TryGetProperty("entries"u8, out var entries) || !entries.TryGetInt32(out var count) || count < 0)
                return Fail("entries is not a whole number", out problem);
            if (!root.TryGetProperty("ledgerHead"u8, out var head) || head.ValueKind != JsonValueKind.String || !LedgerHash.IsWellFormed(head.GetString()))
                return Fail("ledgerHead is not 64 lowercase hex digits", out problem);
            if (!root.TryGetProperty("exportedAt"u8, out var exportedAt) || exportedAt.ValueKind != JsonValueKind.String
                || !LedgerTimestamp.TryParse(exportedAt.GetString(), out var at))
                return Fail($"exportedAt is not a time written {LedgerTimestamp.Format}", out problem);
            if (!root.TryGetProperty("files"u8, out var filesValue) || filesValue.ValueKind != JsonValueKind.Array)
                return Fail("files is not a list", out problem);
            var files = new List<EvidenceFileDigest>(filesValue.GetArrayLength());
            foreach (var file in filesValue.EnumerateArray())
            {
                if (file.ValueKind != JsonValueKind.Object || file.GetPropertyCount() != 2
                    || !file.TryGetProperty("name"u8, out var name) || name.ValueKind != JsonValueKind.String
                    || !file.TryGetProperty("sha256"u8, out var sha256) || sha256.ValueKind != JsonValueKind.String)
                    return Fail("each file is an object with exactly name and sha256", out problem);
                var fileName = name.GetString()!;
                if (!EvidencePath.IsSafe(fileName))
                    return Fail($"the file name {EvidencePath.Printable(fileName)} is not a safe relative path", out problem);
                if (!LedgerHash.IsWellFormed(sha256.GetString()))
                    return Fail($"the sha256 of {EvidencePath.Printable(fileName)} is not 64 lowercase hex digits", out problem);
                files.Add(new EvidenceFileDigest(fileName, sha256.GetString()!));
            }
            manifest = new EvidenceManifest(files, head.GetString()!, count, at);
            problem = "";
            return true;
        }
    }

    private static bool Fail(string reason, out string problem)
    {
        problem = reason;
        return false;
    }
}
