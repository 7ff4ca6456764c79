using DigitalTwin.Persona;

namespace DigitalTwin.Benchmarks.Support;

/// <summary>The Kestrel sample's persona folder, found from the benchmark's output folder, and its prompt.</summary>
internal static class SamplePersona
{
    public static string Directory => Path.Combine(RepositoryRoot, "samples", "DigitalTwin.Sample.Kestrel", "persona");

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DigitalTwin.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"DigitalTwin.sln not found above {AppContext.BaseDirectory}.");
        }
    }

    public static async Task<PersonaPrompt> LoadPromptAsync() => PersonaPromptBuilder.Build(await PersonaLoader.LoadAsync(Directory));
}
