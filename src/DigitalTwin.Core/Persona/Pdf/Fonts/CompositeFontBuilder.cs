using DigitalTwin.Persona.Pdf.Parsing;
using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf.Fonts;

/// <summary>Builds Type 0 (composite, CID-keyed) fonts: encoding CMap, /W widths, vertical metrics.</summary>
internal static class CompositeFontBuilder
{
    public static PdfFont Build(PdfDictionary dictionary, PdfExtractionContext context)
    {
        PdfDictionary? descendant = PdfObjects.Items(PdfObjects.GetArray(dictionary, "/DescendantFonts")).FirstOrDefault() as PdfDictionary;
        CMap encoding = ReadEncoding(dictionary, context);
        double defaultWidth = (PdfObjects.GetNumber(descendant, "/DW") ?? 1000) * 0.001;
        double verticalAdvance = -1.0;
        if (PdfObjects.GetArray(descendant, "/DW2") is { } dw2 && PdfObjects.Items(dw2).Skip(1).FirstOrDefault() is { } w1y &&
            PdfObjects.AsNumber(w1y) is double advance)
        {
            verticalAdvance = advance * 0.001;
        }

        return new PdfFont
        {
            Encoding = encoding,
            ToUnicode = PdfFontLoader.ReadToUnicode(dictionary, context),
            CidWidths = ReadWidths(PdfObjects.GetArray(descendant, "/W")),
            DefaultWidth = defaultWidth,
            VerticalAdvance = verticalAdvance,
            CidUnicode = Lazily(() => CidToUnicode.For(descendant, context)),
        };
    }

    /// <summary>Defers building the CID → Unicode fallback (it may decode the font program) until a code needs it.</summary>
    private static Func<int, string?> Lazily(Func<Func<int, string?>?> factory)
    {
        var lookup = new Lazy<Func<int, string?>?>(factory, LazyThreadSafetyMode.None);
        return cid => lookup.Value?.Invoke(cid);
    }

    private static CMap ReadEncoding(PdfDictionary dictionary, PdfExtractionContext context)
    {
        PdfItem? item = PdfObjects.Get(dictionary, "/Encoding");
        if (PdfObjects.AsName(item) is { } name)
        {
            return PredefinedCMaps.Get(name) ?? PredefinedCMaps.Get("Identity-H")!;
        }

        if (item is PdfDictionary stream && StreamDecoder.Decode(stream, context) is { } data)
        {
            var cmap = new CMap();
            if (PdfObjects.GetName(stream, "/UseCMap") is { } parentName && PredefinedCMaps.Get(parentName) is { } parent)
            {
                cmap.Inherit(parent);
            }

            CMapParser.Parse(data, cmap);
            if (!cmap.HasCodespaces)
            {
                cmap.AddCodespace(2, 0, 0xFFFF);
            }

            return cmap;
        }

        return PredefinedCMaps.Get("Identity-H")!;
    }

    private static Dictionary<int, double> ReadWidths(PdfArray? array)
    {
        var widths = new Dictionary<int, double>();
        var items = PdfObjects.Items(array).ToList();
        int i = 0;
        while (i < items.Count && widths.Count < CMap.MaxMappings)
        {
            if (PdfObjects.AsNumber(items[i]) is not double first)
            {
                i++;
                continue;
            }

            if (i + 1 < items.Count && items[i + 1] is PdfArray list)
            {
                int cid = (int)first;
                foreach (PdfItem? w in PdfObjects.Items(list))
                {
                    widths[cid++] = (PdfObjects.AsNumber(w) ?? 0) * 0.001;
                }

                i += 2;
            }
            else if (i + 2 < items.Count && PdfObjects.AsNumber(items[i + 1]) is double last && PdfObjects.AsNumber(items[i + 2]) is double w)
            {
                for (int cid = (int)first; cid <= (int)last && cid - (int)first < 65_536; cid++)
                {
                    widths[cid] = w * 0.001;
                }

                i += 3;
            }
            else
            {
                i++;
            }
        }

        return widths;
    }
}
