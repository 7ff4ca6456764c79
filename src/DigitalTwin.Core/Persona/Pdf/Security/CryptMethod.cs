namespace DigitalTwin.Persona.Pdf.Security;

/// <summary>How a crypt filter encrypts strings or streams.</summary>
internal enum CryptMethod
{
    /// <summary>Not encrypted (/Identity or /CFM /None).</summary>
    None,

    /// <summary>RC4 with a per-object key (/V2 and security handlers V1–V2).</summary>
    Rc4,

    /// <summary>AES-128-CBC with a per-object key (/AESV2).</summary>
    AesV2,

    /// <summary>AES-256-CBC with the file key (/AESV3).</summary>
    AesV3,
}
