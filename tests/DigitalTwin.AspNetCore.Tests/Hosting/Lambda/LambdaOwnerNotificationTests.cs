using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;
using DigitalTwin.AspNetCore.Tests.Web;
using DigitalTwin.Notifications;
using DigitalTwin.Owner;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

/// <summary>
/// On Lambda the process is frozen between invocations, so the host delivers the owner's notifications at invocation
/// boundaries: after the answer, before the next invocation. The background service is removed here, so only the boundary
/// can have sent them.
/// </summary>
[Collection(InProcessLambdaHost.Collection)]
public sealed class LambdaOwnerNotificationTests
{
    [Fact]
    public async Task RecordStoredDuringAnInvocation_IsDeliveredAfterItsAnswer_WithoutABackgroundLoop()
    {
        var received = new List<string>();
        await using var webhook = await StartWebhookAsync(received);
        await using var host = await InProcessLambdaHost.StartAsync(
            app => app.MapPost("/lead", async ([FromKeyedServices(DigitalTwinDefaults.TwinName)] IConversationStore store, IOwnerNotifier notifier) =>
            {
                var conversation = new ConversationKey(DigitalTwinDefaults.TwinName, SessionId.New());
                await store.GetService<IOwnerRecords>()!.TryAddAsync(new OwnerRecord
                {
                    Id = OwnerRecord.IdFor(conversation, "t1", OwnerRecordKind.Lead),
                    Conversation = conversation,
                    TurnId = "t1",
                    Kind = OwnerRecordKind.Lead,
                    CreatedAt = DateTimeOffset.UtcNow,
                    Email = "lambda@example.com",
                });
                notifier.Nudge();
                return "stored";
            }),
            services: s =>
            {
                s.AddDigitalTwin(o => o.PersonaDirectory = PersonaFolder.Create()).UseChatClient(new FakeChatClient()).UseInMemoryStore();
                s.Configure<OwnerNotificationOptions>(DigitalTwinDefaults.TwinName, o => o.WebhookUrl = webhook.Address);
                s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(OwnerNotificationService)));
            });

        var result = await host.Runtime.InvokeAsync(LambdaEvents.HttpV2("POST", "/lead"));

        Assert.Equal(200, result.StatusCode);
        var store = host.Services.GetRequiredKeyedService<IConversationStore>(DigitalTwinDefaults.TwinName).GetService<IOwnerRecords>()!;
        for (var i = 0; i < 500 && (await store.ReadUnnotifiedAsync(DigitalTwinDefaults.TwinName).ToListAsync()).Count > 0; i++)
        {
            await Task.Delay(10); // the delivery runs after the answer: wait for it to be marked
        }

        Assert.Empty(await store.ReadUnnotifiedAsync(DigitalTwinDefaults.TwinName).ToListAsync());
        lock (received)
        {
            Assert.Contains("lambda@example.com", Assert.Single(received), StringComparison.Ordinal);
        }
    }

    private static async Task<Webhook> StartWebhookAsync(List<string> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            lock (received)
            {
                received.Add(body);
            }

            return Results.NoContent();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Webhook(app, new Uri(address + "/hook"));
    }

    private sealed record Webhook(WebApplication App, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
