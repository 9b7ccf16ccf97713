namespace IncidentBot.Slack.WebApi;

internal sealed record FilesCompleteUploadItem(string Id, string? Title);
