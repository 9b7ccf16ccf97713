namespace IncidentBot.Slack.WebApi;

internal sealed record FilesCompleteUploadRequest(
    IReadOnlyList<FilesCompleteUploadItem> Files, string ChannelId, string? InitialComment, string? ThreadTs);
