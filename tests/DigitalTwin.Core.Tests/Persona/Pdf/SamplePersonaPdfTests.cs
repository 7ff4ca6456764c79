using DigitalTwin.Persona.Pdf;

namespace DigitalTwin.Core.Tests.Persona.Pdf;

public class SamplePersonaPdfTests
{
    [Fact]
    public void SampleLinkedInPdf_ContainsNameRoleEmployersAndSkills()
    {
        byte[] pdf = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "sample-persona", "linkedin.pdf"));

        string text = new PdfSharpTextExtractor().ExtractText(pdf);

        Assert.Contains("Maya Lindqvist", text, StringComparison.Ordinal);
        Assert.Contains("Principal Cloud Architect at Northwind Labs", text, StringComparison.Ordinal);
        Assert.Contains("Contoso Retail", text, StringComparison.Ordinal);
        Assert.Contains("Fabrikam Analytics", text, StringComparison.Ordinal);
        Assert.Contains("KTH Royal Institute of Technology", text, StringComparison.Ordinal);
        Assert.Contains("Event-driven architecture", text, StringComparison.Ordinal);
        Assert.Contains("maya@example.com", text, StringComparison.Ordinal);
        Assert.Contains("linkedin.com/in/maya-lindqvist-example", text, StringComparison.Ordinal);
        Assert.Contains("cut infrastructure cost by 38%", text.Replace('\n', ' '), StringComparison.Ordinal);
        Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleLinkedInPdf_ReadsSidebarBeforeMainColumn()
    {
        byte[] pdf = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "sample-persona", "linkedin.pdf"));

        string text = new PdfSharpTextExtractor().ExtractText(pdf);

        Assert.True(text.IndexOf("Top Skills", StringComparison.Ordinal) < text.IndexOf("Summary", StringComparison.Ordinal));
        Assert.Contains("Northwind Labs\nPrincipal Cloud Architect", text, StringComparison.Ordinal);
    }
}
