using System.Globalization;

namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>Decrypts one object: every string in it, and a stream's data with the crypt filter that applies.</summary>
internal static class ObjectDecryption
{
    /// <summary>A copy of <paramref name="value"/> with every string decrypted (signature /Contents stay as they are).</summary>
    public static object Strings(StandardSecurityHandler handler, object value, int number, int generation)
    {
        switch (value)
        {
            case RawString s:
                byte[] plain = handler.Decrypt(s.Bytes, number, generation, handler.StringMethod);
                return new RawString(plain, plain);
            case RawArray array:
                var newArray = new RawArray();
                newArray.AddRange(array.Select(item => Strings(handler, item, number, generation)));
                return newArray;
            case RawDictionary dictionary:
                bool signature = dictionary["/ByteRange"] is not null;
                var newDictionary = new RawDictionary();
                foreach ((string key, object item) in dictionary)
                {
                    newDictionary.Add(new(key, signature && key == "/Contents" ? item : Strings(handler, item, number, generation)));
                }

                return newDictionary;
            default:
                return value;
        }
    }

    /// <summary>
    /// The stream with decrypted data, its dictionary's strings decrypted, its /Crypt filter removed and /Length set
    /// (without a handler only /Length is set, to the data actually found).
    /// </summary>
    public static RawObject Stream(StandardSecurityHandler? handler, RawObject o, RawDictionary dictionary, byte[] data)
    {
        if (handler is null)
        {
            var repaired = new RawDictionary();
            repaired.AddRange(dictionary);
            repaired.Set("/Length", new RawToken(data.Length.ToString(CultureInfo.InvariantCulture)));
            return new RawObject(o.Number, o.Generation, repaired, data);
        }

        var plain = (RawDictionary)Strings(handler, dictionary, o.Number, o.Generation);
        CryptMethod method = dictionary.Name("/Type") == "Metadata" && !handler.EncryptMetadata ? CryptMethod.None : handler.StreamMethod;
        if (plain["/Filter"] is RawArray filters && filters.FindIndex(f => f is RawName { Text: "/Crypt" }) is var at and >= 0)
        {
            RawArray? parms = plain["/DecodeParms"] as RawArray;
            string name = parms is not null && at < parms.Count && parms[at] is RawDictionary p ? p.Name("/Name") ?? "Identity" : "Identity";
            method = handler.MethodOf(name);
            var rest = new RawArray();
            rest.AddRange(filters.Where((_, i) => i != at));
            plain.Set("/Filter", rest);
            if (parms is not null && at < parms.Count)
            {
                var restParms = new RawArray();
                restParms.AddRange(parms.Where((_, i) => i != at));
                plain.Set("/DecodeParms", restParms);
            }
        }
        else if (plain["/Filter"] is RawName { Text: "/Crypt" })
        {
            method = handler.MethodOf((plain["/DecodeParms"] as RawDictionary)?.Name("/Name") ?? "Identity");
            plain.Remove("/Filter");
            plain.Remove("/DecodeParms");
        }

        byte[] decrypted = handler.Decrypt(data, o.Number, o.Generation, method);
        plain.Set("/Length", new RawToken(decrypted.Length.ToString(CultureInfo.InvariantCulture)));
        return new RawObject(o.Number, o.Generation, plain, decrypted);
    }
}
