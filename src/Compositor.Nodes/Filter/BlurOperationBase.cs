using Compositor.Imaging;
using Compositor.Operations;

namespace Compositor.Nodes.Filter;

/// <summary>
/// What Blender's blur operations share (BlurBaseOperation): an Image input and a Size input (a
/// multiplier of the radii), the radii themselves (fixed or relative to the canvas), the extended
/// bounds canvas, and the quality step.
/// </summary>
/// <remarks>
/// The Size multiplier is <see cref="PresetSize"/> when the converter set one (the node's Size
/// socket unlinked), else the value of a constant linked to input 1, else 1 (Blender's full-frame
/// rule: a varying Size is not read by these operations). The extended canvas is computed before
/// the constant is known, so it uses <see cref="PresetSize"/> or 1, as Blender does.
/// </remarks>
public abstract class BlurOperationBase : NodeOperation
{
    /// <summary>Index of the image input.</summary>
    public const int ImageInput = 0;

    /// <summary>Index of the size input.</summary>
    public const int SizeInput = 1;

    /// <summary>Creates a blur with two inputs: the image (of <paramref name="type"/>) and the size.</summary>
    protected BlurOperationBase(BlurSettings settings, DataType type = DataType.Color) : base(type)
    {
        Settings = settings;
        AddInput(type);
        AddInput(DataType.Value);
        Flags = OperationFlags.Complex;
        CanvasInputIndex = ImageInput;
    }

    /// <summary>The node's blur settings.</summary>
    public BlurSettings Settings { get; }

    /// <summary>The size multiplier fixed at conversion (Blender's set_size), or null to read input 1.</summary>
    public float? PresetSize { get; init; }

    /// <summary>The size multiplier in effect (after <see cref="NodeOperation.InitializeExecution"/>).</summary>
    protected float Size { get; private set; } = 1f;

    /// <summary>The pixel radius along x before the size multiplier (after initialization).</summary>
    protected int BlurSizeX { get; private set; }

    /// <summary>The pixel radius along y before the size multiplier (after initialization).</summary>
    protected int BlurSizeY { get; private set; }

    /// <summary>Distance between the taps read: 1, 2 or 4 for high, medium and low quality.</summary>
    protected int Step { get; private set; } = 1;

    /// <summary>True once <see cref="NodeOperation.InitializeExecution"/> has run.</summary>
    protected bool IsInitialized { get; private set; }

    /// <summary>The extension of each canvas side pair: round_to_even(2 · size · radius).</summary>
    protected override Rect ModifyCanvas(Rect determined)
    {
        if (!Settings.ExtendBounds || determined.IsEmpty) return determined;
        float size = PresetSize ?? 1f;
        return determined with
        {
            XMax = determined.XMax + RoundToEven(2f * size * Settings.SizeX),
            YMax = determined.YMax + RoundToEven(2f * size * Settings.SizeY),
        };
    }

    /// <inheritdoc />
    public override void InitializeExecution(RenderContext context)
    {
        Size = PresetSize ?? ConstantInput(SizeInput) ?? 1f;
        (BlurSizeX, BlurSizeY) = Settings.PixelSizes(Canvas.Width, Canvas.Height);
        Step = QualityStep(context.Quality);
        IsInitialized = true;
    }

    /// <inheritdoc />
    public override Rect GetAreaOfInterest(int inputIndex, Rect outputArea) =>
        inputIndex == ImageInput ? ImageAreaOfInterest(outputArea) : Rect.Empty;

    /// <summary>The area of the image input needed for <paramref name="outputArea"/>.</summary>
    protected abstract Rect ImageAreaOfInterest(Rect outputArea);

    /// <summary>
    /// Makes sure the radii are known (they depend on the canvas and the linked constants, not on
    /// the quality): initializes with default settings when asked for an area of interest before
    /// <see cref="NodeOperation.InitializeExecution"/> ran.
    /// </summary>
    protected void RequireInitialized()
    {
        if (!IsInitialized) InitializeExecution(new RenderContext());
    }

    /// <summary>The value of a constant linked to input <paramref name="index"/>, or null.</summary>
    protected float? ConstantInput(int index) =>
        Inputs[index].Link is ConstantOperation c ? c.Value[0] : null;

    /// <summary>The canvas of the producer of input <paramref name="index"/> (where its taps stop), or the buffer's rectangle.</summary>
    protected Rect InputDomain(int index, MemoryBuffer buffer) =>
        Inputs[index].Link is { IsCanvasSet: true } producer ? producer.Canvas : buffer.Rect;

    /// <summary>Blender's blur quality steps (QualityStepHelper, multiply mode).</summary>
    public static int QualityStep(RenderQuality quality) => quality switch
    {
        RenderQuality.Medium => 2,
        RenderQuality.Low => 4,
        _ => 1,
    };

    /// <summary>Rounds to the nearest even integer.</summary>
    public static int RoundToEven(float v) => (int)(MathF.Round(v * 0.5f, MidpointRounding.AwayFromZero) * 2f);

    /// <inheritdoc />
    public override bool AddParametersToHash(ref OperationHash hash)
    {
        Settings.AddTo(ref hash);
        hash.Add(PresetSize ?? float.NaN);
        return true;
    }
}
