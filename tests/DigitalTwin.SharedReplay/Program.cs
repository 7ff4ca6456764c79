using DigitalTwin.SharedReplay;

// Usage: dotnet run --project tests/DigitalTwin.SharedReplay -- [path to shared/bedrock]   (default ../shared/bedrock)
var root = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("..", "shared", "bedrock"));
if (!Directory.Exists(root))
{
    Console.Error.WriteLine($"The shared Bedrock corpus was not found at {root}; pass its path as the first argument.");
    return 2;
}

Console.WriteLine($"Replaying the Bedrock corpus in {root}");
var report = new Report();
await StreamReplay.RunAsync(root, report);
await VectorReplay.RunAsync(root, report);
await SigV4Replay.RunAsync(root, report);
await ConverseReplay.RunAsync(root, report);
await ToolReplay.RunAsync(root, report);
Console.WriteLine();
Console.WriteLine($"bedrock-replay: {report.Passed} passed, {report.Failed} failed");
return report.Failed == 0 && report.Passed > 0 ? 0 : 1;
