using PdfSharp.Pdf;

namespace DigitalTwin.Persona.Pdf.Parsing;

/// <summary>Undoes the PNG and TIFF predictors of Flate/LZW streams (/DecodeParms /Predictor).</summary>
internal static class Predictors
{
    public static byte[] Apply(byte[] data, PdfDictionary? parms)
    {
        int predictor = (int)(PdfObjects.GetNumber(parms, "/Predictor") ?? 1);
        if (predictor < 2)
        {
            return data;
        }

        int colors = Math.Clamp((int)(PdfObjects.GetNumber(parms, "/Colors") ?? 1), 1, 32);
        int bits = Math.Clamp((int)(PdfObjects.GetNumber(parms, "/BitsPerComponent") ?? 8), 1, 16);
        int columns = Math.Clamp((int)(PdfObjects.GetNumber(parms, "/Columns") ?? 1), 1, 1 << 20);
        int bpp = Math.Max(1, (colors * bits + 7) / 8);
        int rowLength = (colors * bits * columns + 7) / 8;
        return predictor == 2 ? Tiff(data, rowLength, bpp) : Png(data, rowLength, bpp);
    }

    private static byte[] Tiff(byte[] data, int rowLength, int bpp)
    {
        byte[] output = (byte[])data.Clone();
        for (int row = 0; row < output.Length; row += rowLength)
        {
            int end = Math.Min(row + rowLength, output.Length);
            for (int i = row + bpp; i < end; i++)
            {
                output[i] = (byte)(output[i] + output[i - bpp]);
            }
        }

        return output;
    }

    private static byte[] Png(byte[] data, int rowLength, int bpp)
    {
        int rows = data.Length / (rowLength + 1);
        byte[] output = new byte[rows * rowLength];
        for (int r = 0; r < rows; r++)
        {
            int type = data[r * (rowLength + 1)];
            int src = (r * (rowLength + 1)) + 1;
            int dst = r * rowLength;
            for (int i = 0; i < rowLength; i++)
            {
                int raw = data[src + i];
                int left = i >= bpp ? output[dst + i - bpp] : 0;
                int up = r > 0 ? output[dst - rowLength + i] : 0;
                int upLeft = r > 0 && i >= bpp ? output[dst - rowLength + i - bpp] : 0;
                output[dst + i] = (byte)(type switch
                {
                    1 => raw + left,
                    2 => raw + up,
                    3 => raw + ((left + up) >> 1),
                    4 => raw + Paeth(left, up, upLeft),
                    _ => raw,
                });
            }
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
