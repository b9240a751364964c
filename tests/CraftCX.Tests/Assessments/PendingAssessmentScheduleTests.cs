using CraftCX.Assessments;
using CraftCX.Conversations;
using Microsoft.Extensions.Time.Testing;

namespace CraftCX.Tests.Assessments;

/// <summary>A conversation's pending AI request in its activation: reminder, lease, retry timer and dispatch.</summary>
[Trait("Category", "Unit")]
public sealed class PendingAssessmentScheduleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingHost _host = new();

    private static AiOptions Ai(bool enabled = true) => new()
    {
        Endpoint = enabled ? "https://example.openai.azure.com/" : null,
        Deployment = "qa",
        CallTimeout = TimeSpan.FromSeconds(10),
        ReminderPeriod = TimeSpan.FromMinutes(2),
    };

    private ConversationAiState Pending(DateTimeOffset? notBefore = null) => new()
    {
        Pending = new PendingAssessment(AssessmentTriggers.Closed, _time.GetUtcNow(), 0, notBefore, null),
    };

    [Fact]
    public async Task A_stored_request_needs_its_reminder_until_this_activation_has_registered_it()
    {
        var schedule = new PendingAssessmentSchedule(Ai(), _time, _host);
        var ai = Pending();

        // A request stored by an earlier activation (or a failed registration) still needs it with nothing new asked.
        Assert.True(schedule.NeedsReminder(ai, requested: false));
        await schedule.RegisterReminderAsync();
        Assert.Equal([TimeSpan.FromMinutes(2)], _host.Registered);
        Assert.False(schedule.NeedsReminder(ai, requested: false));
        Assert.True(schedule.NeedsReminder(ai, requested: true));
        Assert.False(schedule.NeedsReminder(new ConversationAiState(), requested: true));
    }

    [Fact]
    public async Task A_failed_registration_leaves_the_reminder_needed()
    {
        var schedule = new PendingAssessmentSchedule(Ai(), _time, _host);
        _host.FailNextRegistration = true;
        await Assert.ThrowsAsync<InvalidOperationException>(schedule.RegisterReminderAsync);
        Assert.True(schedule.NeedsReminder(Pending(), requested: false));
    }

    [Fact]
    public void One_attempt_holds_the_lease_until_it_ends_or_the_lease_runs_out()
    {
        var schedule = new PendingAssessmentSchedule(Ai(), _time, _host);
        var ai = Pending();

        Assert.NotNull(schedule.TryLease(ai));
        Assert.Null(schedule.TryLease(ai));
        schedule.ReleaseLease();
        Assert.NotNull(schedule.TryLease(ai));

        // Twice the call timeout plus 30 s: an attempt that never reports back does not block the request forever.
        _time.Advance(TimeSpan.FromSeconds(49));
        Assert.Null(schedule.TryLease(ai));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull(schedule.TryLease(ai));
    }

    [Fact]
    public void Nothing_is_leased_before_its_time_with_the_assessor_off_or_without_a_request()
    {
        Assert.Null(new PendingAssessmentSchedule(Ai(), _time, _host).TryLease(Pending(_time.GetUtcNow().AddSeconds(5))));
        Assert.NotNull(new PendingAssessmentSchedule(Ai(), _time, _host).TryLease(Pending(_time.GetUtcNow().AddMilliseconds(100))));
        Assert.Null(new PendingAssessmentSchedule(Ai(enabled: false), _time, _host).TryLease(Pending()));
        Assert.Null(new PendingAssessmentSchedule(Ai(), _time, _host).TryLease(new ConversationAiState()));
    }

    [Fact]
    public async Task A_due_request_is_dispatched_and_a_later_one_waits_on_a_single_timer()
    {
        var schedule = new PendingAssessmentSchedule(Ai(), _time, _host);
        await schedule.ScheduleAsync(Pending());
        Assert.Equal(1, _host.Dispatched);

        await schedule.ScheduleAsync(Pending(_time.GetUtcNow().AddSeconds(30)));
        await schedule.ScheduleAsync(Pending(_time.GetUtcNow().AddSeconds(20)));
        Assert.Equal(1, _host.Dispatched);
        Assert.Equal([TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20)], _host.Timers.Select(t => t.DueIn));
        Assert.True(_host.Timers[0].Disposed);
        Assert.False(_host.Timers[1].Disposed);
    }

    [Fact]
    public async Task The_reminder_goes_only_when_nothing_is_pending_or_unpublished()
    {
        var schedule = new PendingAssessmentSchedule(Ai(), _time, _host);
        await schedule.RegisterReminderAsync();

        await schedule.ScheduleAsync(new ConversationAiState { ScoresUnpublished = true });
        Assert.Equal(0, _host.Unregistered);
        Assert.True(schedule.ReminderSet);

        await schedule.ScheduleAsync(new ConversationAiState());
        Assert.Equal(1, _host.Unregistered);
        Assert.False(schedule.ReminderSet);
    }

    [Fact]
    public async Task With_the_assessor_off_a_stored_request_keeps_its_reminder_and_is_not_run()
    {
        var schedule = new PendingAssessmentSchedule(Ai(enabled: false), _time, _host);
        await schedule.ScheduleAsync(Pending());
        Assert.Equal(0, _host.Unregistered);
        Assert.Equal(0, _host.Dispatched);
        Assert.Empty(_host.Timers);
    }

    private sealed class RecordingHost : IPendingAssessmentHost
    {
        public List<TimeSpan> Registered { get; } = [];

        public List<RecordingTimer> Timers { get; } = [];

        public int Unregistered { get; private set; }

        public int Dispatched { get; private set; }

        public bool FailNextRegistration { get; set; }

        public Task RegisterReminderAsync(TimeSpan period)
        {
            if (FailNextRegistration)
            {
                FailNextRegistration = false;
                return Task.FromException(new InvalidOperationException("reminder table unreachable"));
            }

            Registered.Add(period);
            return Task.CompletedTask;
        }

        public Task UnregisterReminderAsync()
        {
            Unregistered++;
            return Task.CompletedTask;
        }

        public IDisposable StartRetryTimer(TimeSpan dueIn)
        {
            var timer = new RecordingTimer(dueIn);
            Timers.Add(timer);
            return timer;
        }

        public void Dispatch() => Dispatched++;
    }

    private sealed class RecordingTimer(TimeSpan dueIn) : IDisposable
    {
        public TimeSpan DueIn { get; } = dueIn;

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }
}
