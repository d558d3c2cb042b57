// nido-runc: `nido oci` as its own small binary (see RuncApp for why).
return Nido.Runc.RuncApp.Run(args, new Nido.Runc.DeferredWriter(() => Console.Out), new Nido.Runc.DeferredWriter(() => Console.Error));
