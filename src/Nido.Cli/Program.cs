// Invoked as `nido-runc` (a link to this binary also works), nido is a runc binary: `nido-runc create …` = `nido oci create …`.
var invokedAs = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
return invokedAs == "nido-runc" ? Nido.Runc.RuncApp.Run(args, Console.Out, Console.Error) : Nido.Cli.NidoApp.Run(args, Console.Out, Console.Error);
