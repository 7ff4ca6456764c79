using DigitalTwin.Diagnostics;
using DigitalTwin.Memory;
using DigitalTwin.Persona;
using DigitalTwin.Persona.Pdf;
using DigitalTwin.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DigitalTwin.Conversations;

/// <summary>Creates each registered twin once, on first use, from its options and keyed services.</summary>
internal sealed class DigitalTwinCatalog : IDigitalTwinCatalog, IDisposable
{
    private readonly Dictionary<string, Lazy<Twin>> _twins;
    private readonly List<IConversationStore> _owned = [];

    public DigitalTwinCatalog(IServiceProvider services, IEnumerable<DigitalTwinRegistration> registrations)
    {
        _twins = registrations.ToDictionary(r => r.Name, r => new Lazy<Twin>(() => Create(services, r.Name, _owned)), StringComparer.OrdinalIgnoreCase);
        Names = _twins.Keys.ToArray();
    }

    public IReadOnlyCollection<string> Names { get; }

    public IDigitalTwin? Find(string name) => _twins.TryGetValue(name, out var twin) ? twin.Value : null;

    public void Dispose()
    {
        lock (_owned)
        {
            foreach (var store in _owned.OfType<IDisposable>())
            {
                store.Dispose();
            }

            _owned.Clear();
        }
    }

    private static Twin Create(IServiceProvider services, string name, List<IConversationStore> owned)
    {
        var options = services.GetRequiredService<IOptionsMonitor<DigitalTwinOptions>>().Get(name);
        var logger = services.GetService<ILoggerFactory>()?.CreateLogger("DigitalTwin") ?? NullLogger.Instance;
        var chat = services.GetRequiredKeyedService<IChatClient>(name);
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var (store, isOwned) = TwinStoreSelector.Select(services, name, options);
        if (isOwned)
        {
            lock (owned)
            {
                owned.Add(store);
            }
        }
        var prompt = new Lazy<Task<PersonaPrompt>>(async () =>
        {
            var persona = await PersonaLoader.LoadAsync(options.PersonaDirectory, new PdfSharpTextExtractor(), logger, CancellationToken.None).ConfigureAwait(false);
            var built = PersonaPromptBuilder.Build(persona, options.Language, options.PromptTemplate);
            return options.Tools.LeadCapture ? PersonaPromptBuilder.WithLeadCapture(built) : built;
        });
        var tools = TwinToolbox.Create(
            name, options, services.GetRequiredKeyedService<TwinChatPipeline>(name).Tools, store, time, logger, () => services.GetService<Notifications.IOwnerNotifier>()?.Nudge());
        return new Twin(name, options, prompt, chat, new InstrumentedConversationStore(store, time), time, logger, tools);
    }
}
