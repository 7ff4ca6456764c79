using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;

namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>Null-safe, exception-safe access to PDFsharp objects (references resolved, wrong types ignored).</summary>
internal static class PdfObjects
{
    /// <summary>Follows indirect references (a bounded number of hops).</summary>
    public static PdfItem? Resolve(PdfItem? item)
    {
        for (int hops = 0; hops < 8 && item is PdfReference reference; hops++)
        {
            item = reference.Value;
        }

        return item is PdfReference ? null : item;
    }

    /// <summary>The resolved value of a dictionary entry.</summary>
    public static PdfItem? Get(PdfDictionary? dictionary, string key) =>
        dictionary is null ? null : Resolve(dictionary.Elements[key]);

    public static PdfDictionary? GetDictionary(PdfDictionary? dictionary, string key) =>
        Get(dictionary, key) as PdfDictionary;

    public static PdfArray? GetArray(PdfDictionary? dictionary, string key) => Get(dictionary, key) as PdfArray;

    /// <summary>A name without its slash, or null.</summary>
    public static string? GetName(PdfDictionary? dictionary, string key) => AsName(Get(dictionary, key));

    public static double? GetNumber(PdfDictionary? dictionary, string key) => AsNumber(Get(dictionary, key));

    /// <summary>A name item's value without its slash, or null.</summary>
    public static string? AsName(PdfItem? item) => Resolve(item) switch
    {
        PdfName name => StripSlash(name.Value),
        PdfNameObject name => StripSlash(name.Value),
        _ => null,
    };

    /// <summary>A numeric item's value, or null.</summary>
    public static double? AsNumber(PdfItem? item) => Resolve(item) switch
    {
        PdfInteger i => i.Value,
        PdfLongInteger l => l.Value,
        PdfReal r => r.Value,
        PdfIntegerObject i => i.Value,
        PdfLongIntegerObject l => l.Value,
        PdfRealObject r => r.Value,
        _ => null,
    };

    /// <summary>The items of an array, resolved; empty for anything else.</summary>
    public static IEnumerable<PdfItem?> Items(PdfArray? array)
    {
        if (array is null)
        {
            yield break;
        }

        int count = array.Elements.Count;
        for (int i = 0; i < count; i++)
        {
            yield return Resolve(array.Elements[i]);
        }
    }

    /// <summary>The keys of a dictionary without their slashes.</summary>
    public static IEnumerable<string> Keys(PdfDictionary? dictionary) =>
        dictionary is null ? [] : dictionary.Elements.Keys.Select(StripSlash).ToArray();

    private static string StripSlash(string value) => value.StartsWith('/') ? value[1..] : value;
}
