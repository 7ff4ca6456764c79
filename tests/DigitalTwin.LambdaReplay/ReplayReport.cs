namespace DigitalTwin.LambdaReplay;

/// <summary>Counts checks, prints one line per fixture, and ends with the plain "N passed, N failed" line.</summary>
internal sealed class ReplayReport
{
    private int _passed;
    private int _failed;

    public void Check(string name, Func<IReadOnlyList<string>> check)
    {
        IReadOnlyList<string> problems;
        try
        {
            problems = check();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            problems = [ex.GetType().Name + ": " + ex.Message];
        }

        if (problems.Count == 0)
        {
            _passed++;
            Console.WriteLine("ok   " + name);
            return;
        }

        _failed++;
        Console.WriteLine("FAIL " + name);
        foreach (var problem in problems)
        {
            Console.WriteLine("       " + problem);
        }
    }

    public int Finish()
    {
        Console.WriteLine($"lambda-events: {_passed} passed, {_failed} failed");
        return _failed == 0 && _passed > 0 ? 0 : 1;
    }
}
