using DigitalTwin.Notifications;
using DigitalTwin.Owner;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace DigitalTwin.Core.Tests.Notifications;

/// <summary>
/// Owner notifications against a real loopback webhook: records stored by the file store are delivered from its outbox,
/// through failures and timeouts, once each, also with two hosts sharing the folder.
/// </summary>
public sealed class OwnerNotificationDeliveryTests : IAsyncLifetime
{
    private const string SecretPath = "hooks/T000-s3cr3t-hook-path";
    private readonly TempDirectory _dir = new();
    private readonly ListLogger _log = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> _hosts = [];
    private LoopbackServer _webhook = null!;

    public async Task InitializeAsync() => _webhook = await LoopbackServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _webhook.DisposeAsync();
        _dir.Dispose();
    }

    /// <summary>A host's services over the shared folder (its own store instance), with the webhook configured.</summary>
    private ServiceProvider Host(TimeProvider time, Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddLogging(b => b.AddProvider(new ListLoggerProvider(_log)).SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>
        {
            ["DigitalTwin:Notifications:WebhookUrl"] = new Uri(_webhook.BaseAddress, SecretPath).ToString(),
            ["DigitalTwin:Notifications:Timeout"] = "00:00:10",
            ["DigitalTwin:Notifications:InitialBackoff"] = "00:00:05",
        }).Build());
        services.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(new FakeChatClient()).UseFileStore(o => o.Directory = _dir.Path);
        var provider = services.BuildServiceProvider();
        _hosts.Add(provider);
        return provider;
    }

    /// <summary>Runs <paramref name="whileRunning"/> with the webhook accepting everything and the host's notification service started, as the generic host starts it.</summary>
    private async Task WhileTheServiceRunsAsync(IServiceProvider host, Func<Task> whileRunning)
    {
        _webhook.Handler = c => { c.Response.StatusCode = 200; return Task.CompletedTask; };
        var service = host.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<OwnerNotificationService>().Single();
        await service.StartAsync(CancellationToken.None);
        try
        {
            await whileRunning();
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static OwnerRecord Lead(string email, DateTimeOffset at) => OwnerRecordSamples.Lead(at, email: email);

    private static IOwnerRecords Records(IServiceProvider host) => host.GetRequiredKeyedService<IConversationStore>(DigitalTwinDefaults.TwinName).GetService<IOwnerRecords>()!;

    private int RequestCount()
    {
        lock (_webhook.Requests)
        {
            return _webhook.Requests.Count;
        }
    }

    private async Task WaitForRequestsAsync(int count)
    {
        for (var i = 0; i < 1000 && RequestCount() < count; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(count, RequestCount());
    }

    [Fact]
    public async Task WebhookThatFailsThenHangsThenRecovers_LosesNothing_AndGetsEachRecordDeliveredOnce()
    {
        var host = Host(_clock);
        var notifier = host.GetRequiredService<IOwnerNotifier>();
        var (a, b) = (Lead("a@example.com", _clock.GetUtcNow()), Lead("b@example.com", _clock.GetUtcNow()));
        await Records(host).TryAddAsync(a);
        await Records(host).TryAddAsync(b);

        // Down: 500 for both; they stay in the outbox and wait out their backoff.
        _webhook.Handler = c => { c.Response.StatusCode = 500; return Task.CompletedTask; };
        Assert.Equal(0, await notifier.DeliverPendingAsync());
        Assert.Equal(2, RequestCount());
        Assert.Equal(0, await notifier.DeliverPendingAsync()); // still backing off: nothing sent
        Assert.Equal(2, RequestCount());

        // Hanging: each delivery gives up at the timeout (on the test's clock).
        _webhook.Handler = c => Task.Delay(Timeout.Infinite, c.RequestAborted);
        _clock.Advance(TimeSpan.FromSeconds(5));
        var hanging = notifier.DeliverPendingAsync();
        await WaitForRequestsAsync(3);
        _clock.Advance(TimeSpan.FromSeconds(10));
        await WaitForRequestsAsync(4);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, await hanging);
        Assert.Equal(2, (await Records(host).ReadUnnotifiedAsync(DigitalTwinDefaults.TwinName).ToListAsync()).Count);

        // Back: after the doubled backoff both are delivered, marked, and never sent again.
        _webhook.Handler = c => { c.Response.StatusCode = 204; return Task.CompletedTask; };
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(2, await notifier.DeliverPendingAsync());
        Assert.Equal(0, await notifier.DeliverPendingAsync());
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await notifier.DeliverPendingAsync());

        Assert.Equal(6, RequestCount());
        Assert.Empty(await Records(host).ReadUnnotifiedAsync(DigitalTwinDefaults.TwinName).ToListAsync());
        var stored = await Records(host).ReadAsync(DigitalTwinDefaults.TwinName, _clock.GetUtcNow().AddDays(-1), _clock.GetUtcNow().AddDays(1)).ToListAsync();
        Assert.All(stored, r => Assert.NotNull(r.NotifiedAt));
        var delivered = _webhook.Requests.Skip(4).Select(r => r.Body).ToList();
        Assert.Single(delivered, body => body.Contains("a@example.com", StringComparison.Ordinal));
        Assert.Single(delivered, body => body.Contains("b@example.com", StringComparison.Ordinal));
        Assert.Contains(_log.Entries, e => e.EventId.Id == 4502 && e.Message.Contains("HTTP 500", StringComparison.Ordinal));
        Assert.Contains(_log.Entries, e => e.EventId.Id == 4502 && e.Message.Contains("no answer within 10 s", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Entries, e => e.Message.Contains("s3cr3t", StringComparison.Ordinal) || (e.Exception?.ToString().Contains("s3cr3t", StringComparison.Ordinal) ?? false));
    }

    [Fact]
    public async Task TwoHostsSharingTheStore_DeliverEachRecordOnce()
    {
        var (one, two) = (Host(TimeProvider.System), Host(TimeProvider.System));
        var records = Enumerable.Range(0, 6).Select(i => Lead($"v{i}@example.com", DateTimeOffset.UtcNow)).ToList();
        foreach (var record in records)
        {
            await Records(one).TryAddAsync(record);
        }

        _webhook.Handler = async c =>
        {
            await Task.Delay(20, c.RequestAborted); // a webhook that takes a moment, so the hosts overlap
            c.Response.StatusCode = 200;
        };

        var both = await Task.WhenAll(
            Task.Run(() => one.GetRequiredService<IOwnerNotifier>().DeliverPendingAsync()),
            Task.Run(() => two.GetRequiredService<IOwnerNotifier>().DeliverPendingAsync()));

        Assert.Equal(6, both.Sum());
        Assert.Equal(6, RequestCount());
        Assert.Equal(records.Select(r => r.Email!).Order(), _webhook.Requests.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("email").GetString()!).Order());
        Assert.Empty(await Records(two).ReadUnnotifiedAsync(DigitalTwinDefaults.TwinName).ToListAsync());
    }

    [Fact]
    public async Task HostedService_DeliversARecordAnnouncedByANudge_WithoutBeingAsked()
    {
        var host = Host(TimeProvider.System);

        await WhileTheServiceRunsAsync(host, async () =>
        {
            await Records(host).TryAddAsync(Lead("nudged@example.com", DateTimeOffset.UtcNow));
            host.GetRequiredService<IOwnerNotifier>().Nudge();

            await WaitForRequestsAsync(1);
            Assert.Contains("nudged@example.com", _webhook.Requests[0].Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task LeadLeftThroughTheTwinsTool_IsSentAtOnce_NotAtTheNextPoll()
    {
        var model = new DigitalTwin.Core.Tests.Tools.ToolCallingModel()
            .Call("record_user_details", new Dictionary<string, object?> { ["email"] = "visitor@example.com", ["name"] = "Grace" });
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DigitalTwin:Notifications:WebhookUrl"] = new Uri(_webhook.BaseAddress, SecretPath).ToString(),
            ["DigitalTwin:Notifications:PollInterval"] = "01:00:00",
        }).Build());
        services.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Sample).UseChatClient(model).UseFileStore(o => o.Directory = _dir.Path).UseLeadCapture();
        var host = services.BuildServiceProvider();
        _hosts.Add(host);
        await Records(host).TryAddAsync(Lead("earlier@example.com", DateTimeOffset.UtcNow));

        await WhileTheServiceRunsAsync(host, async () =>
        {
            await WaitForRequestsAsync(1); // the start-up pass sent the earlier record; the next pass is an hour away unless nudged
            await host.GetRequiredService<IDigitalTwin>().ChatAsync(new TwinChatRequest("I'm Grace, visitor@example.com: please get in touch"));

            await WaitForRequestsAsync(2);
            Assert.Contains("visitor@example.com", _webhook.Requests[1].Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task WithoutAWebhook_NothingIsSent_AndTheRecordsWait()
    {
        var host = Host(_clock, new Dictionary<string, string?>());
        await Records(host).TryAddAsync(Lead("x@example.com", _clock.GetUtcNow()));

        Assert.Equal(0, await host.GetRequiredService<IOwnerNotifier>().DeliverPendingAsync());
        Assert.Equal(0, RequestCount());
        Assert.Single(await Records(host).ReadUnnotifiedAsync(DigitalTwinDefaults.TwinName).ToListAsync());
    }
}
