using PdfSharp;

namespace DigitalTwin.Persona.Pdf;

/// <summary>
/// PDFsharp 6.5 refuses to work until a license is chosen. When the host application has not loaded a license
/// (PDFsharp reports that by throwing its license exception), the free AGPL-3.0 license is selected and the call
/// retried; a commercial license loaded by the host is left alone. This is the only place that chooses a license;
/// see docs/persona-pdf.md for what the AGPL choice means for redistribution.
/// </summary>
internal static class PdfSharpLicensing
{
    /// <summary>Runs a PDFsharp call, selecting the AGPL license once if no license is loaded.</summary>
    public static T Run<T>(Func<T> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e.GetType().Name == "PdfSharpLicenseException")
        {
            PdfSharpLicense.SetAgplLicense();
            return call();
        }
    }
}
