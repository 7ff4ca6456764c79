using DigitalTwin.Persona;
using DigitalTwin.Testing;

namespace DigitalTwin.Benchmarks.Support;

/// <summary>The Kestrel sample's persona folder, found from the benchmark's output folder, and its prompt.</summary>
internal static class SamplePersona
{
    public static string Directory => Path.Combine(RepositoryRoot.Path, "samples", "DigitalTwin.Sample.Kestrel", "persona");

    public static async Task<PersonaPrompt> LoadPromptAsync() => PersonaPromptBuilder.Build(await PersonaLoader.LoadAsync(Directory));
}
