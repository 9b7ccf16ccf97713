using System.Globalization;

namespace IncidentBot.InstancesBench;

/// <summary>
/// The on-call file of the run: a SEV2 pages responder one and escalates to responder two after the
/// wait; a SEV3 (the steady load) pages responder one and waits an hour, so it never escalates
/// during a run and the escalations measured are exactly the SEV2s.
/// </summary>
internal static class BenchOnCall
{
    public static string Yaml(int waitSeconds) => string.Create(CultureInfo.InvariantCulture, $"""
        teams:
          - id: tns
            name: T&S incident managers
            policy: escalating
            members: [one@example.com, two@example.com]
        policies:
          - id: escalating
            name: Escalates after the wait
            steps:
              - person: one@example.com
                wait: {waitSeconds}s
              - person: two@example.com
                wait: 1h
          - id: steady
            name: Pages and waits
            steps:
              - person: one@example.com
                wait: 1h
        routing:
          - name: SEV2 escalates
            severities: [sev2]
            page: [escalating]
          - name: SEV3 waits
            severities: [sev3]
            page: [steady]
        """);
}
