using System.Text.Json;

namespace Compositor.NodeTypes;

/// <summary>The JSON shape a node property takes.</summary>
public enum PropertyKind
{
    /// <summary>true/false.</summary>
    Bool,

    /// <summary>An integer.</summary>
    Int,

    /// <summary>A number.</summary>
    Float,

    /// <summary>One of a fixed set of identifier strings.</summary>
    Enum,

    /// <summary>Free text.</summary>
    String,

    /// <summary>An array of numbers (colors, vectors).</summary>
    FloatArray,

    /// <summary>A JSON object (image, curve mapping, color ramp, format) read by the node's converter.</summary>
    Object,

    /// <summary>A JSON array of objects (File Output slots).</summary>
    Collection,
}

/// <summary>A node property: identifier, kind, default and, for enums, the allowed values.</summary>
public sealed class PropertyDefinition
{
    /// <summary>Creates a property definition.</summary>
    public PropertyDefinition(string name, PropertyKind kind, object? defaultValue, IReadOnlyList<string>? enumValues = null, double? min = null, double? max = null)
    {
        Name = name;
        Kind = kind;
        Default = defaultValue;
        EnumValues = enumValues;
        Min = min;
        Max = max;
    }

    /// <summary>Blender's RNA identifier.</summary>
    public string Name { get; }

    /// <summary>The value's shape.</summary>
    public PropertyKind Kind { get; }

    /// <summary>Blender's default (bool, int, float, string, float[] or null).</summary>
    public object? Default { get; }

    /// <summary>Allowed identifiers of an enum (null: any string, for enums whose items depend on data, like an image's layers).</summary>
    public IReadOnlyList<string>? EnumValues { get; }

    /// <summary>Smallest allowed number, if limited.</summary>
    public double? Min { get; }

    /// <summary>Largest allowed number, if limited.</summary>
    public double? Max { get; }

    /// <summary>Blender computes this property; a value in a graph is accepted and ignored.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Checks a JSON value against the definition; returns the reason it is wrong, or null.</summary>
    public string? Validate(JsonElement value)
    {
        if (ReadOnly && Kind is not (PropertyKind.Object or PropertyKind.Collection)) return null;
        switch (Kind)
        {
            case PropertyKind.Bool:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"expected true or false, got {Describe(value)}";
            case PropertyKind.Int:
            case PropertyKind.Float:
                double number;
                if (value.ValueKind == JsonValueKind.Number) number = value.GetDouble();
                else if (Kind == PropertyKind.Int && value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n)) number = n;
                else if (value.ValueKind is JsonValueKind.True or JsonValueKind.False && Kind == PropertyKind.Int) return null;
                else return $"expected a number, got {Describe(value)}";
                if (Kind == PropertyKind.Int && number != Math.Floor(number)) return $"expected an integer, got {number}";
                if (Min is { } lo && number < lo) return $"{number} is below the minimum {lo}";
                if (Max is { } hi && number > hi) return $"{number} is above the maximum {hi}";
                return null;
            case PropertyKind.Enum:
                if (EnumValues is null) return value.ValueKind == JsonValueKind.String ? null : $"expected a string, got {Describe(value)}";
                if (value.ValueKind != JsonValueKind.String) return $"expected one of {string.Join(", ", EnumValues!)}, got {Describe(value)}";
                var s = value.GetString()!;
                return EnumValues!.Contains(s) ? null : $"unknown value '{s}'; expected one of {string.Join(", ", EnumValues!)}";
            case PropertyKind.String:
                return value.ValueKind is JsonValueKind.String or JsonValueKind.Null ? null : $"expected a string, got {Describe(value)}";
            case PropertyKind.FloatArray:
                if (value.ValueKind != JsonValueKind.Array) return $"expected an array of numbers, got {Describe(value)}";
                foreach (var e in value.EnumerateArray())
                    if (e.ValueKind != JsonValueKind.Number) return $"expected an array of numbers, found {Describe(e)}";
                return null;
            case PropertyKind.Collection:
                return value.ValueKind == JsonValueKind.Array ? null : $"expected an array, got {Describe(value)}";
            case PropertyKind.Object:
                return value.ValueKind is JsonValueKind.Object or JsonValueKind.Null or JsonValueKind.String ? null : $"expected an object, got {Describe(value)}";
            default:
                return null;
        }
    }

    internal static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{e.GetString()}\"",
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => e.ValueKind.ToString(),
    };
}
