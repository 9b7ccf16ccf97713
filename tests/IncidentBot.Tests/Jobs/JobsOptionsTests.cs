using System.ComponentModel.DataAnnotations;
using IncidentBot.Jobs;

namespace IncidentBot.Tests.Jobs;

public sealed class JobsOptionsTests
{
    [Fact]
    public void The_default_retry_delays_start_within_seconds_and_grow()
    {
        var delays = new JobsOptions().RetryDelays();

        Assert.Equal(1, delays[0]);
        Assert.True(delays.Length >= new JobsOptions().RetryAttempts);
        Assert.Equal(delays.Order(), delays);
    }

    [Fact]
    public void Retry_delays_read_with_spaces()
    {
        var options = new JobsOptions { RetryDelaysSeconds = " 2, 5 ,60" };

        Assert.Empty(Validate(options));
        Assert.Equal([2, 5, 60], options.RetryDelays());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1,,3")]
    [InlineData("1;3")]
    [InlineData("-1,3")]
    [InlineData("soon")]
    public void Retry_delays_that_are_not_a_list_of_seconds_are_refused_naming_the_setting(string value)
    {
        var errors = Validate(new JobsOptions { RetryDelaysSeconds = value });

        Assert.Contains(errors, e => e.ErrorMessage!.Contains("Jobs:RetryDelaysSeconds", StringComparison.Ordinal));
    }

    [Fact]
    public void The_scheduler_polls_every_second_in_memory_and_four_times_a_second_on_redis_unless_set()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), new JobsOptions().SchedulePollingInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), new JobsOptions { Storage = JobStorageKind.Redis }.SchedulePollingInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(500), new JobsOptions { Storage = JobStorageKind.Redis, SchedulePollingIntervalSeconds = 0.5 }.SchedulePollingInterval);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(61)]
    public void A_polling_interval_outside_a_tenth_of_a_second_to_a_minute_is_refused(double seconds)
    {
        Assert.NotEmpty(Validate(new JobsOptions { SchedulePollingIntervalSeconds = seconds }));
    }

    [Fact]
    public void Every_reconcile_interval_the_validator_accepts_sweeps_exactly_that_often_and_the_rest_are_refused()
    {
        var accepted = new List<int>();
        for (var seconds = 1; seconds <= 3600; seconds++)
        {
            var errors = new JobsOptionsValidator().Validate(null, new JobsOptions { ReconcileIntervalSeconds = seconds });
            if (errors.Failed)
            {
                Assert.Contains("Jobs:ReconcileIntervalSeconds", errors.FailureMessage, StringComparison.Ordinal);
                continue;
            }
            accepted.Add(seconds);
            var cron = ReconcileSchedule.CronFor(seconds)!;
            var expression = Cronos.CronExpression.Parse(cron, cron.Split(' ').Length == 6 ? Cronos.CronFormat.IncludeSeconds : Cronos.CronFormat.Standard);
            // Across an hour's turn, where a step that does not divide its field would fire early.
            var at = new DateTime(2026, 12, 5, 6, 58, 1, DateTimeKind.Utc);
            for (var i = 0; i < 4; i++)
            {
                var next = expression.GetNextOccurrence(at)!.Value;
                if (i > 0)
                    Assert.Equal(TimeSpan.FromSeconds(seconds), next - at);
                at = next;
            }
        }

        Assert.Equal([1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60, 120, 180, 240, 300, 360, 600, 720, 900, 1200, 1800, 3600], accepted);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(90)]
    [InlineData(3599)]
    public void A_reconcile_interval_a_cron_cannot_keep_is_refused_at_start_naming_the_setting(int seconds)
    {
        var result = new JobsOptionsValidator().Validate(null, new JobsOptions { ReconcileIntervalSeconds = seconds });

        Assert.True(result.Failed);
        Assert.Contains("Jobs:ReconcileIntervalSeconds", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_job_storage_without_a_connection_string_is_refused_naming_the_setting_and_its_variable()
    {
        var result = new JobsOptionsValidator().Validate(null, new JobsOptions { Storage = JobStorageKind.Redis });

        Assert.True(result.Failed);
        Assert.Contains("Jobs:Redis:ConnectionString", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Jobs__Redis__ConnectionString", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Redis_job_storage_errors_never_show_the_connection_string()
    {
        var options = new JobsOptions { Storage = JobStorageKind.Redis };
        options.Redis.ConnectionString = "127.0.0.1:6379,password=s3cret";
        options.Redis.Prefix = " ";

        var result = new JobsOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.DoesNotContain("s3cret", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void In_memory_job_storage_needs_no_Redis_settings()
    {
        Assert.True(new JobsOptionsValidator().Validate(null, new JobsOptions()).Succeeded);
    }

    private static List<ValidationResult> Validate(JobsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
