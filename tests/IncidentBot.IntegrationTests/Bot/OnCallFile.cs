namespace IncidentBot.IntegrationTests.Bot;

/// <summary>An on-call YAML file in a temporary folder, for a bot under test.</summary>
public sealed class OnCallFile : IDisposable
{
    /// <summary>
    /// The T&S primary rotation (weekly from Monday 2025-11-24 09:00 UTC: responder one, then
    /// three) paged first; then responder two by name; every incident routes there.
    /// </summary>
    public const string Default = """
        defaults:
          fallbackChannel: C0FALLBACK
        teams:
          - id: tns
            name: T&S incident managers
            policy: tns-incident
            members: [one@example.com, two@example.com]
            rotations:
              - id: tns-primary
                name: T&S primary
                layers:
                  - timeZone: Europe/Dublin
                    start: 2025-11-24
                    handoff: "09:00"
                    shift: 7d
                    participants: [one@example.com, three@example.com]
          - id: legal
            name: Legal
            members: [two@example.com]
        policies:
          - id: tns-incident
            name: T&S incident
            steps:
              - oncall: tns-primary
                wait: 5m
              - person: two@example.com
                wait: 10m
        routing:
          - name: everything
            page: [tns-incident]
        """;

    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "incidentbot-tests", "oncall-" + Guid.NewGuid().ToString("N"));

    public OnCallFile(string content = Default)
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path, content);
    }

    public string Path => System.IO.Path.Combine(_directory, "oncall.yaml");

    public Dictionary<string, string?> Settings => new() { ["OnCall:ConfigPath"] = Path };

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
