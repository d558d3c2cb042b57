// nido-vmm: one microVM with Firecracker's command line and API (`nido vm serve` execs it).
return Nido.Vmm.Cli.VmmApp.Run(args, Console.Out, Console.Error);
