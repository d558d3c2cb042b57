// Invoked as `nido-runc` (a link the build makes), nido is a runc binary: `nido-runc create …` = `nido oci create …`.
var invokedAs = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
return Nido.Cli.NidoApp.Run(invokedAs == "nido-runc" ? ["oci", .. args] : args, Console.Out, Console.Error);
