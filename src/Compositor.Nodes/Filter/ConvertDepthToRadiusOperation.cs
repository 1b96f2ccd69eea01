using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// Depth to blur radius for Defocus with <c>use_zbuffer</c> (Blender's ConvertDepthToRadiusOperation).
/// Graphs carry no scene camera, so the camera is the one of Blender's factory-startup scene that the
/// reference renders use: a 50 mm lens, a 36 mm sensor and focus at 10 units. With
/// aspect = min(w, h) / max(w, h), aperture = ½ · (lens / (aspect · sensor)) / f_stop and
/// dof_sp = min(w, h) / (sensor / 2 / lens), the radius is ½ · |aperture · (dof_sp · (1/10 − 1/Z) − 1)|
/// clamped to [0, blur_max]; Z = 0 gives 0.
/// </summary>
public sealed class ConvertDepthToRadiusOperation : PixelOperation
{
    /// <summary>Lens length of the default camera, in millimetres.</summary>
    public const float LensLength = 50f;

    /// <summary>Sensor width of the default camera, in millimetres.</summary>
    public const float SensorWidth = 36f;

    /// <summary>Focus distance of the default camera.</summary>
    public const float FocusDistance = 10f;

    private float _aperture, _dofSp;

    /// <summary>Creates the operation.</summary>
    public ConvertDepthToRadiusOperation(float fStop, float maxRadius) : base(DataType.Value)
    {
        FStop = fStop;
        MaxRadius = maxRadius;
        AddInput(DataType.Value);
        Flags = OperationFlags.None; // depends on the canvas size: never folded before canvases exist
    }

    /// <summary>The f-stop.</summary>
    public float FStop { get; }

    /// <summary>Largest radius.</summary>
    public float MaxRadius { get; }

    /// <summary>The aperture and the dof scale for a canvas of <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static (float Aperture, float DofSp) Camera(int width, int height, float fStop)
    {
        float aspect = width > height ? height / (float)width : width / (float)height;
        float aperture = 0.5f * (LensLength / (aspect * SensorWidth)) / fStop;
        float minSize = Math.Min(width, height);
        return (aperture, minSize / (SensorWidth / 2f / LensLength));
    }

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context) =>
        (_aperture, _dofSp) = Camera(Canvas.Width, Canvas.Height, FStop);

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        hash.Add(FStop);
        hash.Add(MaxRadius);
        return true;
    }

    /// <inheritdoc />
    protected override void ProcessRow(Span<float> output, in InputRows inputs, int width)
    {
        var z = inputs.In0;
        float aperture = _aperture, dofSp = _dofSp, inverseFocus = 1f / FocusDistance, max = MaxRadius;
        for (int i = 0; i < width; i++)
        {
            float d = z[i];
            if (d == 0f)
            {
                output[i] = 0f;
                continue;
            }

            float r = 0.5f * MathF.Abs(aperture * (dofSp * (inverseFocus - 1f / d) - 1f));
            output[i] = Math.Clamp(r, 0f, max);
        }
    }
}
