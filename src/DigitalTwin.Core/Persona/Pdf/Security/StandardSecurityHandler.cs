using System.Security.Cryptography;

namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>
/// The standard security handler (revisions 2–6) opened with the empty password: finds the file key and decrypts
/// strings and streams with the crypt filter each one uses. Throws PasswordProtected when the file needs a password.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5351:Do not use broken cryptographic algorithms", Justification = "The PDF standard security handler (ISO 32000) is defined with MD5; this only reads existing files.")]
internal sealed class StandardSecurityHandler
{
    private readonly byte[] _key;

    private StandardSecurityHandler(byte[] key, RawDictionary encrypt, int version)
    {
        _key = key;
        Filters = encrypt["/CF"] as RawDictionary ?? [];
        Version = version;
        StringMethod = MethodOf(encrypt.Name("/StrF") ?? "Identity");
        StreamMethod = MethodOf(encrypt.Name("/StmF") ?? "Identity");
        EncryptMetadata = encrypt["/EncryptMetadata"] is not RawToken { Text: "false" };
    }

    public CryptMethod StringMethod { get; }

    public CryptMethod StreamMethod { get; }

    /// <summary>False when the XML metadata stream was left in the clear (/EncryptMetadata false).</summary>
    public bool EncryptMetadata { get; }

    private RawDictionary Filters { get; }

    private int Version { get; }

    /// <summary>Opens the handler for this /Encrypt dictionary and the first /ID string.</summary>
    public static StandardSecurityHandler Open(RawDictionary encrypt, byte[] id)
    {
        if (encrypt.Name("/Filter") != "Standard")
        {
            throw PasswordError($"The PDF is encrypted with the '{encrypt.Name("/Filter") ?? "unknown"}' security handler (certificate or plug-in based), which needs credentials.");
        }

        int version = (int)(encrypt.Integer("/V") ?? 0);
        int revision = (int)(encrypt.Integer("/R") ?? (version >= 5 ? 6 : version >= 4 ? 4 : version >= 2 ? 3 : 2));
        byte[]? key = revision >= 5 ? Aes256(encrypt, revision) : Legacy(encrypt, revision, version, id);
        return key is null
            ? throw PasswordError("The PDF is encrypted and needs a password to open. Save it again without a password (or print it to a new PDF) and retry.")
            : new StandardSecurityHandler(key, encrypt, version);
    }

    /// <summary>The method of a named crypt filter (/Identity and unknown methods mean no encryption).</summary>
    public CryptMethod MethodOf(string filterName)
    {
        if (Version < 4)
        {
            return CryptMethod.Rc4;
        }

        if (filterName == "Identity" || Filters[$"/{filterName}"] is not RawDictionary filter)
        {
            return CryptMethod.None;
        }

        return filter.Name("/CFM") switch
        {
            "V2" => CryptMethod.Rc4,
            "AESV2" => CryptMethod.AesV2,
            "AESV3" => CryptMethod.AesV3,
            _ => CryptMethod.None,
        };
    }

    /// <summary>Decrypts the data of object <paramref name="number"/> with the given method.</summary>
    public byte[] Decrypt(byte[] data, int number, int generation, CryptMethod method) => method switch
    {
        CryptMethod.Rc4 => Rc4.Apply(ObjectKey(number, generation, aes: false), data),
        CryptMethod.AesV2 => AesCbc(_key.Length == 32 ? _key : ObjectKey(number, generation, aes: true), data),
        CryptMethod.AesV3 => AesCbc(_key, data),
        _ => data,
    };

    private byte[] ObjectKey(int number, int generation, bool aes)
    {
        byte[] input = [.. _key, (byte)number, (byte)(number >> 8), (byte)(number >> 16), (byte)generation, (byte)(generation >> 8),
            .. aes ? "sAlT"u8 : []];
        return MD5.HashData(input)[..Math.Min(_key.Length + 5, 16)];
    }

    /// <summary>AES-CBC with the IV in the first 16 bytes; damaged lengths and padding keep what can be read.</summary>
    private static byte[] AesCbc(byte[] key, byte[] data)
    {
        int blocks = (data.Length - 16) / 16;
        if (data.Length < 32)
        {
            return [];
        }

        using var aes = Aes.Create();
        aes.Key = key;
        byte[] plain = aes.DecryptCbc(data.AsSpan(16, blocks * 16), data.AsSpan(0, 16), PaddingMode.None);
        int pad = plain[^1];
        bool padded = pad is > 0 and <= 16 && plain.AsSpan(plain.Length - pad).IndexOfAnyExcept((byte)pad) < 0;
        return padded ? plain[..^pad] : plain;
    }

    private static byte[]? Legacy(RawDictionary encrypt, int revision, int version, byte[] id)
    {
        if (encrypt["/O"] is not RawString o || encrypt["/U"] is not RawString u)
        {
            return null;
        }

        bool encryptMetadata = encrypt["/EncryptMetadata"] is not RawToken { Text: "false" };
        int permissions = unchecked((int)(encrypt.Integer("/P") ?? -4));
        int primary = revision == 2 ? 5 : KeyBytes(encrypt, version);

        // Writers disagree on key lengths and some leave raw line ends in /O and /U: the /U check picks the variant.
        foreach (int keyBytes in new[] { primary, 16, 5 }.Distinct())
        {
            foreach ((byte[] ownerBytes, byte[] userBytes) in new[] { (o.Bytes, u.Bytes), (o.Unnormalized, u.Unnormalized), (o.Unnormalized, u.Bytes), (o.Bytes, u.Unnormalized) })
            {
                if (LegacyKeys.FindKey(revision, keyBytes, ownerBytes, userBytes, permissions, id, encryptMetadata) is { } key)
                {
                    return key;
                }
            }
        }

        return null;
    }

    private static int KeyBytes(RawDictionary encrypt, int version)
    {
        long? bits = encrypt.Integer("/Length");
        if (version >= 4 && encrypt["/CF"] is RawDictionary filters && encrypt.Name("/StmF") is { } stmF &&
            filters[$"/{stmF}"] is RawDictionary filter && filter.Integer("/Length") is { } filterLength)
        {
            // Crypt filter lengths are in bytes by the specification, in bits by some writers.
            bits = filterLength < 40 ? filterLength * 8 : filterLength;
        }

        return (int)Math.Clamp((bits ?? (version >= 4 ? 128 : 40)) / 8, 5, 16);
    }

    private static byte[]? Aes256(RawDictionary encrypt, int revision)
    {
        static byte[] Bytes(object? value) => (value as RawString)?.Bytes ?? [];
        foreach (bool raw in new[] { false, true })
        {
            byte[] o = raw ? (encrypt["/O"] as RawString)?.Unnormalized ?? [] : Bytes(encrypt["/O"]);
            byte[] u = raw ? (encrypt["/U"] as RawString)?.Unnormalized ?? [] : Bytes(encrypt["/U"]);
            if (Aes256Keys.FindKey(revision, o, u, Bytes(encrypt["/OE"]), Bytes(encrypt["/UE"])) is { } key)
            {
                return key;
            }
        }

        return null;
    }

    private static PdfTextExtractionException PasswordError(string message) =>
        new(message) { Failure = PdfTextExtractionFailure.PasswordProtected };
}
