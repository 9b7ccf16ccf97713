namespace IncidentBot.Dialogs.Platform;

/// <summary>The configured platforms by name; an incident is served by the one it was declared on.</summary>
public sealed class ChatPlatforms(IEnumerable<IChatPlatform> platforms)
{
    private readonly Dictionary<string, IChatPlatform> _byName =
        platforms.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public IChatPlatform Get(string name) =>
        _byName.TryGetValue(name, out var platform)
            ? platform
            : throw new InvalidOperationException($"Chat platform '{name}' is not configured.");

    public bool TryGet(string name, out IChatPlatform platform) => _byName.TryGetValue(name, out platform!);
}
