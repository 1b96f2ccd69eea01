using Compositor.Cli.Commands;

namespace Compositor.Cli.Tests;

/// <summary>Runs the compositor command in process, capturing its standard output and error.</summary>
internal static class InProcessCli
{
    public static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var previousOut = Console.Out;
        var previousError = Console.Error;
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = CompositorCommand.Create().Parse(args).Invoke();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }
}
