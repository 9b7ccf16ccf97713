using Microsoft.Extensions.Logging;

namespace IncidentBot.Testing.Fakes;

public sealed record RecordedLog(string Category, LogLevel Level, string Message, Exception? Exception);
