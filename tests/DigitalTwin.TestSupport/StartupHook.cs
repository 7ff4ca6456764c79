using System.Diagnostics.Tracing;
using System.Text.RegularExpressions;

/// <summary>
/// A .NET startup hook (<c>DOTNET_STARTUP_HOOKS</c> names this assembly) that records, in the file named by
/// <c>DIGITALTWIN_DI_TRACE</c>, every closed generic type dependency injection makes from an open generic registration while
/// the app runs (<c>Logger&lt;T&gt;</c>, <c>OptionsFactory&lt;T&gt;</c>…), one per line, assembly-qualified as rd.xml names them.
/// A Native AOT build has no such type unless the compiler was told to make it, so it builds them at run time, slowly; the
/// samples' <c>startup.rd.xml</c> lists the ones their start needs (StartupTypesTests keeps it current). It uses only the
/// base library, so it loads into any app. Not for production.
/// </summary>
#pragma warning disable CA1050 // a startup hook must be a type named StartupHook in no namespace
public static partial class StartupHook
#pragma warning restore CA1050
{
    private static TraceListener? _listener;

    /// <summary>Called by the runtime before the app's Main.</summary>
    public static void Initialize()
    {
        var path = Environment.GetEnvironmentVariable("DIGITALTWIN_DI_TRACE");
        if (!string.IsNullOrEmpty(path))
        {
            _listener = new TraceListener(path);
        }
    }

    private sealed partial class TraceListener(string path) : EventListener
    {
        private readonly object _gate = new();

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Extensions-DependencyInjection")
            {
                EnableEvents(eventSource, EventLevel.Verbose, EventKeywords.All);
            }
        }

        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "A test-only hook on the JIT.")]
        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName != "CallSiteBuilt" || eventData.Payload is not { Count: > 1 } payload || payload[1] is not string callSite)
            {
                return;
            }

            var names = ImplementationType().Matches(callSite).Select(m => m.Groups[1].Value).Where(n => n.Contains('`', StringComparison.Ordinal));
            var lines = string.Concat(names.Select(Resolve).OfType<Type>().Select(t => RdXmlName(t) + "\n"));
            lock (_gate)
            {
                File.AppendAllText(path, lines); // one write per event, so a stopped process leaves whole lines
            }
        }

        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "A test-only hook on the JIT.")]
        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "A test-only hook on the JIT.")]
        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2055", Justification = "A test-only hook on the JIT.")]
        private static Type? Resolve(string name)
        {
            var open = name.IndexOf('[', StringComparison.Ordinal);
            if (open < 0)
            {
                return AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(name)).FirstOrDefault(t => t is not null);
            }

            var definition = Resolve(name[..open]);
            var arguments = SplitArguments(name[(open + 1)..^1]).Select(Resolve).ToArray();
            return definition is null || arguments.Any(a => a is null) ? null : definition.MakeGenericType(arguments!);
        }

        private static IEnumerable<string> SplitArguments(string list)
        {
            int depth = 0, start = 0;
            for (var i = 0; i < list.Length; i++)
            {
                depth += list[i] switch { '[' => 1, ']' => -1, _ => 0 };
                if (list[i] == ',' && depth == 0)
                {
                    yield return list[start..i].Trim();
                    start = i + 1;
                }
            }

            yield return list[start..].Trim();
        }

        /// <summary>The rd.xml line: the type's assembly, a tab, its name with assembly-qualified generic arguments.</summary>
        private static string RdXmlName(Type type) => $"{type.Assembly.GetName().Name}\t{Name(type)}";

        private static string Name(Type type) => type.IsGenericType
            ? $"{type.GetGenericTypeDefinition().FullName}[{string.Join(",", type.GetGenericArguments().Select(a => $"[{Name(a)},{a.Assembly.GetName().Name}]"))}]"
            : type.FullName!;

        [GeneratedRegex("\"implementationType\": \"([^\"]+)\"")]
        private static partial Regex ImplementationType();
    }
}
