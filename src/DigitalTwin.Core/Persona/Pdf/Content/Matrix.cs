namespace DigitalTwin.Persona.Pdf.Content;

/// <summary>An affine transformation matrix [a b c d e f] as used by PDF (row vector times matrix).</summary>
internal readonly record struct Matrix(double A, double B, double C, double D, double E, double F)
{
    /// <summary>The identity transformation.</summary>
    public static Matrix Identity { get; } = new(1, 0, 0, 1, 0, 0);

    /// <summary>Returns this × other: first apply this, then other.</summary>
    public Matrix Multiply(Matrix other) => new(
        (A * other.A) + (B * other.C),
        (A * other.B) + (B * other.D),
        (C * other.A) + (D * other.C),
        (C * other.B) + (D * other.D),
        (E * other.A) + (F * other.C) + other.E,
        (E * other.B) + (F * other.D) + other.F);

    /// <summary>Transforms a point.</summary>
    public (double X, double Y) Transform(double x, double y) => ((x * A) + (y * C) + E, (x * B) + (y * D) + F);

    /// <summary>Transforms a vector (no translation).</summary>
    public (double X, double Y) TransformVector(double x, double y) => ((x * A) + (y * C), (x * B) + (y * D));

    /// <summary>A translation matrix.</summary>
    public static Matrix Translation(double x, double y) => new(1, 0, 0, 1, x, y);

    /// <summary>Whether every component is a finite number.</summary>
    public bool IsFinite =>
        double.IsFinite(A) && double.IsFinite(B) && double.IsFinite(C) &&
        double.IsFinite(D) && double.IsFinite(E) && double.IsFinite(F);
}
