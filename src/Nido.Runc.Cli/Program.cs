// nido-runc: `nido oci` as its own small binary (see RuncApp for why).
return Nido.Runc.RuncApp.Run(args, Nido.Runc.DeferredWriter.StandardOutput(), Nido.Runc.DeferredWriter.StandardError());
