// Invoked as `nido-runc` (a link to this binary also works), nido is a runc binary: `nido-runc create …` = `nido oci create …`.
var invokedAs = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
TextWriter stdout = Nido.Runc.DeferredWriter.StandardOutput(), stderr = Nido.Runc.DeferredWriter.StandardError();
return invokedAs == "nido-runc" ? Nido.Runc.RuncApp.Run(args, stdout, stderr) : Nido.Cli.NidoApp.Run(args, stdout, stderr);
