namespace IncidentBot.Demo;

/// <summary>What <see cref="DemoMonth"/> wrote, for the command's summary and the tests.</summary>
public sealed record DemoCounts
{
    public int Incidents { get; init; }

    public int OpenIncidents { get; init; }

    public int RegulatorOrders { get; init; }

    public int PartnerEscalations { get; init; }

    public int TrendStorm { get; init; }

    public int Clocks { get; init; }

    public int ClocksMet { get; init; }

    public int ClocksBreached { get; init; }

    public int ClocksRunning { get; init; }

    public int Pages { get; init; }

    public int NightOrWeekendPages { get; init; }

    public int PostMortems { get; init; }

    public int ActionItems { get; init; }

    public int OverdueActionItems { get; init; }

    public int TimelineEvents { get; init; }
}
