using LoadDriver;

// Usage:
//   LoadDriver turns --url http://127.0.0.1:5080 [--turns 1000] [--sessions 7]
//       builds --sessions conversations of --turns turns over POST /chat, timing every turn; prints the median of the
//       10th turns and of the last turns across sessions.
//   LoadDriver coldstart --exe PATH [--runs 5] [--port 5081]
//       starts PATH --runs times (environment inherited, ASPNETCORE_URLS set to the port) and times process start →
//       first 200 from GET /health; prints each run and the median.
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: LoadDriver turns --url URL [--turns N] [--sessions N] | coldstart --exe PATH [--runs N] [--port N]");
    return 2;
}

var options = Arguments.Parse(args.Skip(1));
return args[0] switch
{
    "turns" => await TurnCost.RunAsync(new Uri(options.Get("--url")), options.Int("--turns", 1000), options.Int("--sessions", 7)),
    "coldstart" => await ColdStart.RunAsync(options.Get("--exe"), options.Int("--runs", 5), options.Int("--port", 5081)),
    _ => 2,
};
