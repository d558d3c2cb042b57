// `nido init` is a container's first process: it goes straight to the init, before anything touches Console.
// (.NET's Console streams hold duplicates of fds 1 and 2; in an init waiting for `start` those copies would keep the
// caller's stdio pipes open, and containerd's shim waits for EOF on them before `create` counts as done.)
if (args is ["init"]) return Nido.Containers.Init.ContainerInit.Run();

// Invoked as `nido-runc` (a link the build makes), nido is a runc binary: `nido-runc create …` = `nido oci create …`.
var invokedAs = Path.GetFileName(Environment.GetCommandLineArgs()[0]);
return Nido.Cli.NidoApp.Run(invokedAs == "nido-runc" ? ["oci", .. args] : args, Console.Out, Console.Error);
