namespace DigitalTwin.AspNetCore.Tests.Web;

public sealed class PersonaEndpointTests
{
    [Fact]
    public async Task Persona_gives_name_full_name_language_and_the_photo_address_when_the_folder_has_a_photo()
    {
        var persona = PersonaFolder.Create("Ada Lovelace", "Ada");
        var png = File.ReadAllBytes(TestPhoto.AddTo(persona));
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?> { ["DigitalTwin:PersonaDirectory"] = persona });

        using var json = JsonDocument.Parse(await host.Client.GetStringAsync("persona"));
        using var photo = await host.Client.GetAsync("persona/photo");

        Assert.Equal("Ada", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("Ada Lovelace", json.RootElement.GetProperty("full_name").GetString());
        Assert.Equal("en", json.RootElement.GetProperty("language").GetString());
        Assert.Equal("persona/photo", json.RootElement.GetProperty("photo").GetString());
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/png", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", photo.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(png, await photo.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Persona_without_photo_says_so_and_the_photo_is_404_even_when_other_files_exist()
    {
        var persona = PersonaFolder.Create();
        File.WriteAllText(Path.Combine(persona, "photo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?> { ["DigitalTwin:PersonaDirectory"] = persona });

        using var json = JsonDocument.Parse(await host.Client.GetStringAsync("persona"));
        using var photo = await host.Client.GetAsync("persona/photo");

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("photo").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, photo.StatusCode);
    }

    [Fact]
    public async Task Named_twin_has_its_own_persona_and_language_and_an_unknown_twin_is_a_problem()
    {
        var settings = new Dictionary<string, string?>
        {
            ["DigitalTwin:Twins:sofia:PersonaDirectory"] = PersonaFolder.Create("Sofía Herrera", "Sofía"),
            ["DigitalTwin:Twins:sofia:Language"] = "Spanish",
        };
        await using var host = await WebTestHost.StartAsync(settings, s =>
        {
            s.AddDigitalTwin().UseChatClient(new FakeChatClient()).UseInMemoryStore();
            s.AddDigitalTwin("sofia").UseChatClient(new FakeChatClient()).UseInMemoryStore();
        });

        using var sofia = JsonDocument.Parse(await host.Client.GetStringAsync("twins/sofia/persona"));
        using var unknown = await host.Client.GetAsync("twins/nobody/persona");

        Assert.Equal("Sofía Herrera", sofia.RootElement.GetProperty("full_name").GetString());
        Assert.Equal("es", sofia.RootElement.GetProperty("language").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }
}
