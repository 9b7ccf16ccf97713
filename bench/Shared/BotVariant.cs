namespace IncidentBot.BenchSupport;

/// <summary>
/// A bot to measure: which build (<c>IncidentBot.dll</c>) and which extra environment (GC settings,
/// configuration), so two builds or two settings can be compared in one run on the same machine.
/// </summary>
internal sealed record BotVariant(string Name, string? BotDll, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary><c>name=path/to/IncidentBot.dll,KEY=VALUE,…</c>; the path may be empty (<c>name=,KEY=VALUE</c>) for this repository's build.</summary>
    public static BotVariant Parse(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
            throw new ArgumentException($"--variant {text}: use name=path/IncidentBot.dll[,KEY=VALUE…].");
        var parts = text[(equals + 1)..].Split(',', StringSplitOptions.TrimEntries);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in parts.Skip(1).Where(p => p.Length > 0))
        {
            var at = setting.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
                throw new ArgumentException($"--variant {text}: {setting} is not KEY=VALUE.");
            environment[setting[..at]] = setting[(at + 1)..];
        }
        return new BotVariant(text[..equals], parts[0].Length == 0 ? null : Path.GetFullPath(parts[0]), environment);
    }
}
