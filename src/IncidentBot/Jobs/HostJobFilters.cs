using Hangfire;
using Hangfire.Common;

namespace IncidentBot.Jobs;

/// <summary>
/// The job filters of this host: Hangfire's global ones with our retry policy in place of its
/// default, and the attributes on job methods. Hangfire's own provider is process-wide, so its
/// default retry (15 s to over a minute before the first retry) would win over ours, and hosts
/// in one process (tests) would share whatever was configured last.
/// </summary>
internal sealed class HostJobFilters(AutomaticRetryAttribute retry) : IJobFilterProvider
{
    private readonly JobFilterAttributeFilterProvider _attributes = new();
    private readonly JobFilter _retry = new(retry, JobFilterScope.Global, null);

    public IEnumerable<JobFilter> GetFilters(Job job) =>
        GlobalJobFilters.Filters
            .Where(f => f.Instance is not AutomaticRetryAttribute)
            .Append(_retry)
            .Concat(_attributes.GetFilters(job));
}
