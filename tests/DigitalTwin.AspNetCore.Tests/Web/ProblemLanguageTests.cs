namespace DigitalTwin.AspNetCore.Tests.Web;

public sealed class ProblemLanguageTests
{
    [Fact]
    public async Task Spanish_twin_answers_problem_details_in_spanish()
    {
        await using var host = await WebTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["DigitalTwin:Language"] = "Spanish",
            ["DigitalTwin:MaxMessageLength"] = "10",
        });

        var tooLong = await ProblemAsync(await host.Client.PostAsJsonAsync("chat", new { message = "Un mensaje demasiado largo" }));
        var notJson = await ProblemAsync(await host.Client.PostAsync("chat", new StringContent("{", Encoding.UTF8, "application/json")));
        var badSession = await ProblemAsync(await host.Client.GetAsync("conversation/x"));

        Assert.Equal(("La solicitud no es válida.", "El mensaje tiene 26 caracteres; el máximo permitido es 10."), tooLong);
        Assert.StartsWith("El cuerpo de la solicitud no es un JSON válido", notJson.Detail, StringComparison.Ordinal);
        Assert.StartsWith("El id de sesión no es válido", badSession.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_language_overrides_the_twins_and_english_stays_the_default()
    {
        await using var english = await WebTestHost.StartAsync();
        await using var overridden = await WebTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["DigitalTwin:Language"] = "Spanish",
            ["DigitalTwin:Web:Language"] = "English",
        });

        var plain = await ProblemAsync(await english.Client.PostAsJsonAsync("chat", new { message = " " }));
        var chosen = await ProblemAsync(await overridden.Client.PostAsJsonAsync("chat", new { message = " " }));

        Assert.Equal(("The request is not valid.", "The message is empty."), plain);
        Assert.Equal(plain, chosen);
    }

    private static async Task<(string Title, string Detail)> ProblemAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (json.RootElement.GetProperty("title").GetString()!, json.RootElement.GetProperty("detail").GetString()!);
        }
    }
}
