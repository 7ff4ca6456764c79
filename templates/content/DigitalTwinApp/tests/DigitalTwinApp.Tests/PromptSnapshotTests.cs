using System.Runtime.CompilerServices;
using DigitalTwin.Conversations;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DigitalTwinApp.Tests;

/// <summary>
/// The system prompt the app is configured to send (its appsettings.json and persona folder), compared with
/// prompt.verified.txt next to this file. A change to the persona or the settings shows up here as a diff to review:
/// accept it by copying prompt.received.txt over prompt.verified.txt. The first run writes prompt.verified.txt.
/// </summary>
public sealed class PromptSnapshotTests
{
    [Fact]
    public async Task Configured_prompt_matches_the_approved_snapshot()
    {
        await using var app = new WebApplicationFactory<Program>();
        var twin = app.Services.GetRequiredService<IDigitalTwin>();

        var prompt = await twin.RenderSystemPromptAsync(new FixedClock());

        Snapshot.Verify(prompt, "prompt");
    }

    /// <summary>A clock at a fixed instant in UTC, so the prompt's date line never changes.</summary>
    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    private static class Snapshot
    {
        public static void Verify(string actual, string name, [CallerFilePath] string sourceFile = "")
        {
            var directory = Path.GetDirectoryName(sourceFile)!;
            var verified = Path.Combine(directory, name + ".verified.txt");
            var received = Path.Combine(directory, name + ".received.txt");
            actual = actual.ReplaceLineEndings("\n");
            if (!File.Exists(verified) && Environment.GetEnvironmentVariable("CI") != "true")
            {
                File.WriteAllText(verified, actual); // first run: this is the snapshot to commit
                return;
            }

            if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == actual)
            {
                File.Delete(received);
                return;
            }

            File.WriteAllText(received, actual);
            Assert.Fail($"The prompt differs from {verified}. Review {received}; if the change is intended, copy it over {name}.verified.txt.");
        }
    }
}
