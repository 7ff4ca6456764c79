using DigitalTwin.LambdaReplay;

// Replays every recorded Lambda event through the host's event mapper and checks the response fixtures against the
// serializer. Usage: DigitalTwin.LambdaReplay [EVENTS_DIR] (default ../shared/events). Exits 1 when a check fails.
var directory = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "events");
if (!Directory.Exists(directory))
{
    Console.Error.WriteLine($"No events folder at {Path.GetFullPath(directory)}.");
    return 2;
}

var report = new ReplayReport();
foreach (var folder in new[] { "rest-api-v1", "http-api-v1-payload", "http-api-v2", "function-url" })
{
    foreach (var file in Directory.EnumerateFiles(Path.Combine(directory, folder), "*.json").Order(StringComparer.Ordinal))
    {
        report.Check(folder + "/" + Path.GetFileName(file), () => RequestChecks.Check(folder, File.ReadAllBytes(file)));
    }
}

foreach (var file in Directory.EnumerateFiles(Path.Combine(directory, "responses"), "*.json").Order(StringComparer.Ordinal))
{
    report.Check("responses/" + Path.GetFileName(file), () => ResponseChecks.Check(Path.GetFileName(file), File.ReadAllBytes(file)));
}

return report.Finish();
