namespace IncidentBot.Testing.Fakes;

/// <summary>Bytes sent to an upload URL that the fake's <c>files.getUploadURLExternal</c> handed out.</summary>
public sealed record FakeFileUpload(string FileId, IReadOnlyDictionary<string, string> Headers, string ContentType, byte[] Content)
{
    public override string ToString() => $"upload/{FileId}";
}
