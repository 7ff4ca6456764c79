namespace DigitalTwin.SharedReplay;

/// <summary>Collects check results and prints one line per check.</summary>
internal sealed class Report
{
    public int Passed { get; private set; }

    public int Failed { get; private set; }

    public void Check(string name, bool ok, string? detail = null)
    {
        if (ok)
        {
            Passed++;
            Console.WriteLine($"  ok    {name}");
        }
        else
        {
            Failed++;
            Console.WriteLine($"  FAIL  {name}{(detail is null ? string.Empty : ": " + detail)}");
        }
    }

    public async Task RunAsync(string name, Func<Task> check)
    {
        try
        {
            await check();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Check(name, false, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    public static void Section(string title) => Console.WriteLine($"\n## {title}");
}
