using System.Net;
using System.Net.Sockets;
using DigitalTwin.AspNetCore.Tests.Hosting.Lambda.Support;

namespace DigitalTwin.AspNetCore.Tests.Hosting.Lambda;

public sealed class LambdaSampleKestrelTests
{
    [Fact]
    public async Task WithoutTheRuntimeApiVariable_TheLambdaSampleServesOnKestrel()
    {
        var port = FreePort();
        await using var sample = SampleProcess.Start(null, new Dictionary<string, string?>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["OPENAI_API_KEY"] = "sk-test-not-a-real-key",
            ["MEMORY_DIR"] = Path.Combine(Path.GetTempPath(), "dt-lambda-kestrel-" + Guid.NewGuid().ToString("N")),
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !sample.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
