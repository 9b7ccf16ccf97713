namespace IncidentBot.Dashboard;

/// <summary>
/// The dashboard's one style sheet: system fonts, relative sizes (readable at 200 % zoom: tables
/// wrap, nothing is fixed-width), colour never alone (every state is also a word), and a print
/// layout without the navigation and forms.
/// </summary>
internal static class DashboardStyles
{
    public const string Css = """
        :root { color-scheme: light; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --accent: #0a5ea8; --bad: #a40e26; --good: #116329; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, "DejaVu Sans", sans-serif; font-size: 1rem; line-height: 1.5; color: var(--ink); }
        header { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; padding: 0.75rem 1rem; border-bottom: 1px solid var(--line); }
        header .brand { font-weight: 700; }
        nav a { margin-right: 1rem; color: var(--accent); }
        main { padding: 1rem; max-width: 80rem; }
        h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
        h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
        table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
        th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
        th { background: #f6f8fa; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        .muted { color: var(--muted); }
        .breached { color: var(--bad); font-weight: 600; }
        .met { color: var(--good); }
        .chart { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; margin-bottom: 1.5rem; }
        .chart figure { margin: 0; flex: 1 1 28rem; max-width: 100%; }
        .chart img { max-width: 100%; height: auto; border: 1px solid var(--line); }
        .chart figcaption { font-size: 0.9rem; color: var(--muted); }
        .chart table { flex: 1 1 20rem; width: auto; }
        form.pickers { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; margin-bottom: 1rem; }
        label { display: block; font-weight: 600; }
        input, select, button { font: inherit; padding: 0.25rem 0.5rem; }
        .error { color: var(--bad); }
        @media print {
          header nav, form, .no-print { display: none !important; }
          main { max-width: none; padding: 0; }
          a { color: inherit; text-decoration: none; }
          .chart { break-inside: avoid; }
        }
        """;
}
