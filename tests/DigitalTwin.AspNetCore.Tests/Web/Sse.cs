using System.Net.ServerSentEvents;

namespace DigitalTwin.AspNetCore.Tests.Web;

/// <summary>Posts to a streaming endpoint and parses its server-sent events.</summary>
internal static class Sse
{
    public static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path)
    {
        Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
    };

    public static async Task<List<(string Event, JsonElement Data)>> ReadAllAsync(HttpResponseMessage response)
    {
        var events = new List<(string, JsonElement)>();
        await using var stream = await response.Content.ReadAsStreamAsync();
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            events.Add((item.EventType, JsonDocument.Parse(item.Data).RootElement.Clone()));
        }

        return events;
    }
}
