using System.Text.Json.Serialization;

namespace IncidentBot.Dialogs.Evidence;

/// <summary>Source-generated JSON for the evidence records: endpoints and the command line serialise them without reflection.</summary>
[JsonSerializable(typeof(LedgerEntry))]
[JsonSerializable(typeof(EvidenceManifest))]
[JsonSerializable(typeof(EvidenceVerification))]
public sealed partial class EvidenceJsonContext : JsonSerializerContext;
